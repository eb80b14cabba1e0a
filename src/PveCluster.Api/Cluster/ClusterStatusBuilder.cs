namespace PveCluster.Api.Cluster;

/// <summary>Turns <c>.members</c> into the GET /cluster/status rows.</summary>
public static class ClusterStatusBuilder
{
    /// <param name="members">The parsed file, or null when pmxcfs has not written one (standalone).</param>
    /// <param name="localNode">This node's name.</param>
    /// <param name="localAddress">This node's address, for the standalone row.</param>
    public static List<ClusterStatusEntry> Build(MembersJson? members, string localNode, string? localAddress)
    {
        ArgumentNullException.ThrowIfNull(localNode);
        if (members?.Cluster is not { } cluster)
        {
            // Standalone: one synthetic entry for this node, and no cluster row.
            return [Node(localNode, 0, localAddress, local: true, online: true)];
        }

        var rows = new List<ClusterStatusEntry>
        {
            new()
            {
                Type = "cluster",
                Id = "cluster",
                Name = cluster.Name,
                Nodes = cluster.Nodes,
                Version = cluster.Version,
                Quorate = cluster.Quorate != 0 ? 1 : 0,
            },
        };
        var local = members.NodeName ?? localNode;
        foreach (var (name, node) in (members.Nodes ?? []).OrderBy(n => n.Value.Id))
        {
            rows.Add(Node(name, node.Id, node.Ip, string.Equals(name, local, StringComparison.OrdinalIgnoreCase), node.Online != 0));
        }

        return rows;
    }

    private static ClusterStatusEntry Node(string name, long id, string? ip, bool local, bool online) => new()
    {
        Type = "node",
        Id = $"node/{name}",
        Name = name,
        NodeId = id,
        Ip = ip,
        Local = local ? 1 : 0,
        Online = online ? 1 : 0,
        Level = "",
    };
}
