using System.Text.Json.Nodes;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>GET /nodes/{node}/corosync/quorum</c> (not in Proxmox's API, which shows these figures only in <c>pvecm status</c>):
/// votequorum's view of this node's partition, the figures the Datacenter Summary shows.
/// <code>
/// { "nodeid": 1, "quorate": 1, "expected_votes": 3, "highest_expected": 3, "total_votes": 2, "quorum": 2,
///   "config_expected_votes": 2, "flags": ["Quorate"],
///   "nodes": [ { "nodeid": 1, "name": "n1", "votes": 1, "state": "member", "local": 1 }, ... ],
///   "qdevice": { "name": "Qdevice", "votes": 1, "registered": 1, "alive": 1, "cast_vote": 1, "master_wins": 0 } }
/// </code>
/// <c>expected_votes</c> differs from <c>config_expected_votes</c> after <c>pvecm expected</c>; <c>qdevice</c> is there
/// when corosync.conf configures a device or votequorum has one registered. A standalone node answers <c>{}</c>.
/// Per node, because during a split each partition has its own figures. Needs corosync IPC (root): pvedaemon.
/// </summary>
public static class CorosyncQuorumEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/nodes/{node}/corosync/quorum", (string node, ApiOptions options, CorosyncConfReader conf, IVotequorumSource votequorum) =>
        {
            LocalNode.Ensure(node, options);
            if (conf.TryRead() is not { } config)
            {
                return ApiResponse.Data(new JsonObject());
            }

            var ids = config.Nodes.Where(n => n.NodeId is > 0 and <= uint.MaxValue).Select(n => (uint)n.NodeId!.Value).ToList();
            return ApiResponse.Data(QuorumDocument.Build(CorosyncIpc.Ask("the quorum state", () => votequorum.Read(ids)), config));
        }).WithParameters(ParameterSchema.None).Protected();
    }
}
