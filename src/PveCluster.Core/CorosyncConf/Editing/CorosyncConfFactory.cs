namespace PveCluster.Core.CorosyncConf;

/// <summary>Builds the corosync.conf of a brand-new cluster, as <c>pvecm create</c> does.</summary>
public static class CorosyncConfFactory
{
    /// <summary>
    /// A one-node cluster: totem (version 2, cluster_name, config_version 1, ip_version ipv4-6,
    /// link_mode passive, secauth on, one interface per link), the node, votequorum and syslog logging.
    /// Keys are written in the alphabetical order Proxmox uses.
    /// </summary>
    /// <remarks>
    /// Link priorities, verified in the namespace lab (knet cmap counters and the "best link" log lines,
    /// and stated by corosync.conf(5)): in passive mode kronosnet sends all traffic over the working link
    /// with the HIGHEST <c>knet_link_priority</c> number; with link0=20 and link1=15, link0 carries the data.
    /// The Proxmox admin guide text that says the lower number wins is wrong. With equal or no
    /// priorities the lower link number is preferred. <c>knet_link_priority</c> is only written for links
    /// that were given a priority.
    /// </remarks>
    /// <exception cref="CorosyncConfEditException">A name, link number, address or priority is not usable.</exception>
    public static CorosyncConfig CreateInitial(
        string clusterName, string nodeName, IReadOnlyList<InitialLink> links, ulong nodeId = 1, ulong votes = 1)
    {
        ArgumentNullException.ThrowIfNull(links);
        EditGuards.PlainToken(clusterName, "cluster name");
        EditGuards.PlainToken(nodeName, "node name");
        CheckLinks(links);
        if (nodeId is 0 or > uint.MaxValue)
        {
            throw new CorosyncConfEditException($"Node id {nodeId} is invalid: node ids go from 1 to {uint.MaxValue}.");
        }

        var root = ConfSection.CreateRoot();
        var logging = root.AddSection(CorosyncConfig.LoggingSection);
        logging.SetValue("debug", "off");
        logging.SetValue("to_syslog", "yes");

        var node = new NodeView(root.AddSection(CorosyncConfig.NodelistSection).AddSection(NodeView.SectionName))
        {
            Name = nodeName,
            NodeId = nodeId,
            QuorumVotes = votes,
        };
        foreach (var link in links.OrderBy(l => l.Number))
        {
            node.SetLinkAddress(link.Number, link.Address);
        }

        _ = new QuorumView(root.AddSection(CorosyncConfig.QuorumSection)) { Provider = QuorumView.VotequorumProvider };

        var totem = new TotemView(root.AddSection(CorosyncConfig.TotemSection))
        {
            ClusterName = clusterName,
            ConfigVersion = 1,
            IpVersion = "ipv4-6",
            LinkMode = "passive",
            SecAuth = "on",
            Version = "2",
        };
        foreach (var link in links.OrderBy(l => l.Number))
        {
            totem.AddInterface(link.Number).KnetLinkPriority = link.Priority;
        }

        return new CorosyncConfig(root);
    }

    private static void CheckLinks(IReadOnlyList<InitialLink> links)
    {
        if (links.Count == 0)
        {
            throw new CorosyncConfEditException("A cluster needs at least one link (link 0 with this node's address).");
        }

        foreach (var link in links)
        {
            ArgumentNullException.ThrowIfNull(link);
            EditGuards.LinkNumber(link.Number);
            EditGuards.Address(link.Address, $"link {link.Number}");
            EditGuards.Priority(link.Priority, link.Number);
        }

        if (links.GroupBy(l => l.Number).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CorosyncConfEditException($"Link {twice.Key} is given more than once.");
        }

        if (links.GroupBy(l => l.Address, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } shared)
        {
            throw new CorosyncConfEditException($"The address '{shared.Key}' is used for more than one link; each link needs its own network.");
        }
    }
}
