namespace PveCluster.Core.CorosyncConf;

public static partial class CorosyncConfEditor
{
    /// <summary>
    /// Adds link <paramref name="link"/>: a totem interface (with knet_link_priority when given) and
    /// a ringN_addr for every node. <paramref name="addressByNode"/> must name every node exactly once.
    /// </summary>
    public static CorosyncConfig AddLink(CorosyncConfig config, int link, int? priority, IReadOnlyDictionary<string, string> addressByNode)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(addressByNode);
        EditGuards.LinkNumber(link);
        EditGuards.Priority(priority, link);
        EditGuards.Totem(config);
        if (EditGuards.UsedLinks(config).Contains(link))
        {
            throw new CorosyncConfEditException($"Link {link} already exists.");
        }

        var nodeNames = config.Nodes.Select(n => n.Name ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = nodeNames.Where(n => !addressByNode.Keys.Contains(n, StringComparer.OrdinalIgnoreCase)).Order().ToList();
        var unknown = addressByNode.Keys.Where(n => !nodeNames.Contains(n)).Order().ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            throw new CorosyncConfEditException(
                $"Link {link} needs an address for every node and only for existing nodes"
                + (missing.Count > 0 ? $"; missing: {string.Join(", ", missing)}" : "")
                + (unknown.Count > 0 ? $"; unknown: {string.Join(", ", unknown)}" : "") + ".");
        }

        foreach (var (node, address) in addressByNode)
        {
            EditGuards.Address(address, $"node '{node}' link {link}");
            EditGuards.AddressNotUsed(config, address);
        }

        var duplicate = addressByNode.GroupBy(a => a.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CorosyncConfEditException($"The address '{duplicate.Key}' is given to more than one node on link {link}.");
        }

        var copy = WithPinnedNames(config);
        var face = copy.Totem!.AddInterface(link);
        face.KnetLinkPriority = priority;
        foreach (var (node, address) in addressByNode)
        {
            copy.FindNode(node)!.SetLinkAddress(link, address);
        }

        return copy;
    }

    /// <summary>Removes link <paramref name="link"/>: its totem interface and every node's ringN_addr. The last link cannot go.</summary>
    public static CorosyncConfig RemoveLink(CorosyncConfig config, int link)
    {
        ArgumentNullException.ThrowIfNull(config);
        EditGuards.LinkNumber(link);
        var used = EditGuards.UsedLinks(config);
        if (!used.Contains(link))
        {
            throw new CorosyncConfEditException($"Link {link} does not exist (links in use: {string.Join(", ", used)}).");
        }

        if (used.Count == 1)
        {
            throw new CorosyncConfEditException($"Link {link} is the only link; the cluster would have no network left.");
        }

        var copy = WithPinnedNames(config);
        if (copy.Totem is { } totem)
        {
            foreach (var face in totem.Interfaces.Where(i => i.TryGetLinkNumber(out var n) && n == link))
            {
                totem.Section.Remove(face.Section);
            }
        }

        foreach (var node in copy.Nodes)
        {
            node.SetLinkAddress(link, null);
        }

        return copy;
    }

    /// <summary>Changes one node's address on an existing link.</summary>
    public static CorosyncConfig SetNodeLinkAddress(CorosyncConfig config, string nodeName, int link, string address)
    {
        ArgumentNullException.ThrowIfNull(config);
        EditGuards.LinkNumber(link);
        var node = EditGuards.ExistingNode(config, nodeName);
        if (node.GetLinkAddress(link) is null)
        {
            throw new CorosyncConfEditException(
                $"Node '{node.Name}' has no address on link {link}; use AddLink to add a link to all nodes.");
        }

        EditGuards.Address(address, $"node '{node.Name}' link {link}");
        EditGuards.AddressNotUsed(config, address, node.Name, link);
        var copy = WithPinnedNames(config);
        copy.FindNode(nodeName)!.SetLinkAddress(link, address);
        return copy;
    }

    /// <summary>
    /// Sets (or with null removes) knet_link_priority of a link. In passive link_mode kronosnet sends
    /// over the link with the HIGHEST priority number.
    /// </summary>
    public static CorosyncConfig SetLinkPriority(CorosyncConfig config, int link, int? priority)
    {
        ArgumentNullException.ThrowIfNull(config);
        EditGuards.LinkNumber(link);
        EditGuards.Priority(priority, link);
        if (EditGuards.Totem(config).FindInterface(link) is null)
        {
            throw new CorosyncConfEditException($"Link {link} has no totem interface section, so it has no priority to set.");
        }

        var copy = config.Clone();
        copy.Totem!.FindInterface(link)!.KnetLinkPriority = priority;
        return copy;
    }

    /// <summary>
    /// A copy in which every node has a <c>name:</c>: a node of an older configuration is known by its
    /// ring0_addr, and an address edit must not rename it (the admin guide's first step, done for the admin).
    /// </summary>
    public static CorosyncConfig WithPinnedNames(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var copy = config.Clone();
        foreach (var node in copy.Nodes)
        {
            node.PinName();
        }

        return copy;
    }
}
