using System.Text.Json.Nodes;
using PveCluster.Core.CorosyncConf;
using PveCluster.Corosync.Cmap;

namespace PveCluster.Api.Cluster;

/// <summary>
/// Turns knet's per-peer link stats into the rows of <c>GET /nodes/{node}/corosync/links</c>: one row per peer and
/// link (this node's own loopback entries left out), ordered by node id and link, named and addressed from
/// corosync.conf.
/// </summary>
public static class KnetLinkRows
{
    public static JsonArray Build(IReadOnlyList<KnetLinkStats> stats, CorosyncConfig config, string localNode)
    {
        ArgumentNullException.ThrowIfNull(stats);
        ArgumentNullException.ThrowIfNull(config);
        var nodes = config.Nodes.Where(n => n.NodeId is not null).ToDictionary(n => (uint)n.NodeId!.Value);
        var localId = config.FindNode(localNode)?.NodeId;
        var rows = new JsonArray();
        foreach (var link in stats.Where(s => s.NodeId != localId).OrderBy(s => s.NodeId).ThenBy(s => s.LinkNumber))
        {
            var node = nodes.GetValueOrDefault(link.NodeId);
            var row = new JsonObject
            {
                ["nodeid"] = link.NodeId,
                ["link"] = link.LinkNumber,
                ["enabled"] = link.Enabled ? 1 : 0,
                ["connected"] = link.Connected ? 1 : 0,
            };
            if (node?.Name is { } name)
            {
                row["node"] = name;
            }

            if (node?.GetLinkAddress(link.LinkNumber) is { } address)
            {
                row["address"] = address;
            }

            if (link.LatencyAverageMicroseconds is { } latency)
            {
                row["latency_ave"] = latency;
            }

            if (link.Mtu is { } mtu)
            {
                row["mtu"] = mtu;
            }

            rows.Add(row);
        }

        return rows;
    }
}
