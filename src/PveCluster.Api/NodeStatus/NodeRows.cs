using System.Text.Json.Nodes;
using PveCluster.Api.Cluster;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.NodeStatus;

/// <summary>
/// One row per node for <c>GET /nodes</c> and the <c>node</c> rows of <c>GET /cluster/resources</c>. Membership
/// and the online flag come from pmxcfs's <c>.members</c> (this node alone when standalone). Load figures (uptime,
/// cpu, mem, disk) are filled for this node only: pmxcfs carries no node metrics, and a figure we do not know is
/// left out rather than sent as 0.
/// </summary>
public sealed class NodeRows(MembersReader members, LocalNodeMetrics metrics, PveDirectory pveDir, ApiOptions options)
{
    public JsonArray Build(bool withFingerprint)
    {
        var file = members.TryRead();
        var rows = new JsonArray();
        var nodes = file?.Cluster is null || file.Nodes is null
            ? [(options.Node, true)]
            : file.Nodes.OrderBy(n => n.Key, StringComparer.Ordinal).Select(n => (n.Key, n.Value.Online != 0)).ToList();
        foreach (var (name, online) in nodes)
        {
            var row = new JsonObject
            {
                ["id"] = $"node/{name}",
                ["type"] = "node",
                ["node"] = name,
                ["status"] = online ? "online" : "offline",
                // Subscription level: none.
                ["level"] = "",
            };
            if (string.Equals(name, options.Node, StringComparison.OrdinalIgnoreCase))
            {
                AddLocalMetrics(row);
            }

            if (withFingerprint && NodeCertificateLoader.TryFingerprint(pveDir, name) is { } fingerprint)
            {
                row["ssl_fingerprint"] = fingerprint;
            }

            rows.Add(row);
        }

        return rows;
    }

    private void AddLocalMetrics(JsonObject row)
    {
        var cpu = metrics.Cpu();
        var memory = metrics.Memory();
        var disk = metrics.RootFileSystem();
        row["uptime"] = metrics.UptimeSeconds();
        row["cpu"] = metrics.CpuUsage().Cpu;
        row["maxcpu"] = cpu.Cpus;
        row["mem"] = memory.Used;
        row["maxmem"] = memory.Total;
        row["disk"] = disk.Used;
        row["maxdisk"] = disk.Total;
    }
}
