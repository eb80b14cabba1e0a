using System.Text.Json.Nodes;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>GET /nodes/{node}/corosync/links</c> (not in Proxmox's API): this node's view of its knet links to every peer,
/// from corosync's stats map. An array, one object per peer and link, ordered by node id then link:
/// <code>
/// { "nodeid": 2, "node": "n2", "link": 0, "address": "10.0.0.2",
///   "enabled": 1, "connected": 1, "latency_ave": 151, "mtu": 1397 }
/// </code>
/// <c>enabled</c>/<c>connected</c> are knet's flags (1/0); <c>latency_ave</c> is knet's average round trip in
/// microseconds and <c>mtu</c> the link's PMTUd result, both left out while knet has none; <c>node</c> and
/// <c>address</c> (that peer's ringN_addr) come from corosync.conf and are left out for a node id it does not list.
/// A standalone node has no links: the list is empty. Needs corosync IPC (root), so it runs in pvedaemon.
/// </summary>
public static class CorosyncLinkEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/nodes/{node}/corosync/links", (string node, ApiOptions options, CorosyncConfReader conf, IKnetLinkStatsSource stats) =>
        {
            LocalNode.Ensure(node, options);
            if (conf.TryRead() is not { } config)
            {
                return ApiResponse.Data(new JsonArray());
            }

            return ApiResponse.Data(KnetLinkRows.Build(CorosyncIpc.Ask("knet link status", stats.Read), config, options.Node));
        }).WithParameters(ParameterSchema.None).Protected();
    }
}
