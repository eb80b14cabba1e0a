using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>GET /cluster/status: the cluster entry (absent on a standalone node) and one entry per node.</summary>
public sealed record ClusterStatus(ClusterEntry? Cluster, IReadOnlyList<NodeEntry> Nodes)
{
    public bool IsStandalone => Cluster is null;

    public int OnlineCount => Nodes.Count(n => n.Online);

    /// <summary>Offline nodes: configured minus online when the cluster counts more nodes than it lists (Proxmox's rule).</summary>
    public int OfflineCount => Math.Max(Cluster?.Nodes ?? Nodes.Count, Nodes.Count) - OnlineCount;

    public static ClusterStatus From(JsonNode? data)
    {
        ClusterEntry? cluster = null;
        var nodes = new List<NodeEntry>();
        foreach (var entry in JsonRead.Objects(data))
        {
            switch (JsonRead.Text(entry, "type"))
            {
                case "cluster":
                    cluster = new ClusterEntry(
                        JsonRead.Text(entry, "name") ?? "",
                        (int)(JsonRead.Number(entry, "nodes") ?? 0),
                        JsonRead.Number(entry, "version") ?? 0,
                        JsonRead.Flag(entry, "quorate"));
                    break;
                case "node":
                    nodes.Add(new NodeEntry(
                        JsonRead.Text(entry, "name") ?? "",
                        JsonRead.Number(entry, "nodeid") ?? 0,
                        JsonRead.Text(entry, "ip"),
                        JsonRead.Flag(entry, "online"),
                        JsonRead.Flag(entry, "local")));
                    break;
            }
        }

        return new ClusterStatus(cluster, [.. nodes.OrderBy(n => n.NodeId).ThenBy(n => n.Name, StringComparer.Ordinal)]);
    }
}

public sealed record ClusterEntry(string Name, int Nodes, long Version, bool Quorate);

public sealed record NodeEntry(string Name, long NodeId, string? Ip, bool Online, bool Local);
