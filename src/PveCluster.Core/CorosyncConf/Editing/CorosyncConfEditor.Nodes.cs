namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Pure edits of a corosync.conf: each method leaves its input untouched and returns an edited copy
/// in which unknown keys, sections and comments are preserved. Invalid input is refused with a
/// <see cref="CorosyncConfEditException"/>. None of them bumps config_version: call
/// <see cref="BumpConfigVersion"/> once per change set, as an admin editing the file would.
/// </summary>
public static partial class CorosyncConfEditor
{
    /// <summary>Smallest node id not yet used, starting at 1 (gaps left by removed nodes are reused).</summary>
    public static ulong LowestFreeNodeId(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var used = new HashSet<ulong>();
        foreach (var node in config.Nodes)
        {
            if (ConfValues.TryParseUnsigned(node.Section.GetValue("nodeid"), out var id))
            {
                used.Add(id);
            }
        }

        ulong candidate = 1;
        while (used.Contains(candidate))
        {
            candidate++;
        }

        return candidate;
    }

    /// <summary>
    /// Adds a node with one address per link. The node must use exactly the links the other nodes
    /// use. Without <paramref name="nodeId"/> the lowest free id is taken. A stale two_node is removed.
    /// Refused while a quorum device is configured: it must be removed first and set up again for an
    /// even node count (as the admin guide says).
    /// </summary>
    public static CorosyncConfig AddNode(
        CorosyncConfig config, string name, IReadOnlyDictionary<int, string> addresses, ulong votes = 1, ulong? nodeId = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(addresses);
        EditGuards.PlainToken(name, "node name");
        RefuseWithQuorumDevice(config, "add a node");
        if (config.FindNode(name) is not null)
        {
            throw new CorosyncConfEditException($"A node named '{name}' already exists in the nodelist.");
        }

        var id = nodeId ?? LowestFreeNodeId(config);
        if (id is 0 or > uint.MaxValue)
        {
            throw new CorosyncConfEditException($"Node id {id} is invalid: node ids go from 1 to {uint.MaxValue}.");
        }

        if (config.Nodes.FirstOrDefault(n => n.Section.GetValue("nodeid") == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            is { } holder)
        {
            throw new CorosyncConfEditException($"Node id {id} is already used by node '{holder.Name}'.");
        }

        CheckNewNodeLinks(config, name, addresses);
        var copy = config.Clone();
        var node = new NodeView(copy.Root.GetOrAddSection(CorosyncConfig.NodelistSection).AddSection(NodeView.SectionName))
        {
            Name = name,
            NodeId = id,
            QuorumVotes = votes,
        };
        foreach (var (link, address) in addresses.OrderBy(a => a.Key))
        {
            node.SetLinkAddress(link, address);
        }

        DropTwoNode(copy);
        return copy;
    }

    /// <summary>Removes the node named <paramref name="name"/> (and a stale two_node).</summary>
    public static CorosyncConfig RemoveNode(CorosyncConfig config, string name)
    {
        ArgumentNullException.ThrowIfNull(config);
        var existing = EditGuards.ExistingNode(config, name);
        RefuseWithQuorumDevice(config, "remove a node");
        if (config.Nodes.Count == 1)
        {
            throw new CorosyncConfEditException($"'{existing.Name}' is the last node; a cluster cannot be left without nodes.");
        }

        var copy = config.Clone();
        var node = copy.FindNode(name)!;
        foreach (var nodelist in copy.Root.Sections(CorosyncConfig.NodelistSection))
        {
            nodelist.Remove(node.Section);
        }

        DropTwoNode(copy);
        return copy;
    }

    private static void CheckNewNodeLinks(CorosyncConfig config, string name, IReadOnlyDictionary<int, string> addresses)
    {
        if (addresses.Count == 0)
        {
            throw new CorosyncConfEditException($"Node '{name}' needs at least one link address (ring0_addr).");
        }

        foreach (var (link, address) in addresses)
        {
            EditGuards.LinkNumber(link);
            EditGuards.Address(address, $"node '{name}' link {link}");
            EditGuards.AddressNotUsed(config, address);
        }

        var duplicate = addresses.GroupBy(a => a.Value, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new CorosyncConfEditException(
                $"Node '{name}' uses the address '{duplicate.Key}' on more than one link; every link needs its own address.");
        }

        var clusterLinks = EditGuards.UsedLinks(config);
        if (config.Nodes.Count > 0 && !clusterLinks.SetEquals(addresses.Keys))
        {
            throw new CorosyncConfEditException(
                $"Node '{name}' must have an address on exactly the cluster's links ({string.Join(", ", clusterLinks)}), "
                + $"but addresses were given for links {string.Join(", ", addresses.Keys.Order())}.");
        }
    }

    private static void RefuseWithQuorumDevice(CorosyncConfig config, string action)
    {
        if (config.Quorum?.Device is not null)
        {
            throw new CorosyncConfEditException(
                $"Cannot {action} while a quorum device is configured: remove the QDevice first, then set it up again "
                + "once the cluster has an even node count.");
        }
    }
}
