using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.NodeStatus;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>GET /nodes</c> (every member, with this node's load figures) and <c>GET /nodes/{node}/status</c> (this node;
/// another node's status is that node's to answer — the proxy forwards it). Read-only, no root needed.
/// </summary>
public static class NodeEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/nodes", (NodeRows rows) => ApiResponse.Data(rows.Build(withFingerprint: true))).WithParameters(ParameterSchema.None);
        api.MapGet("/nodes/{node}/status", (string node, LocalNodeMetrics metrics, ApiOptions options) =>
        {
            LocalNode.Ensure(node, options);
            return ApiResponse.Data(NodeStatusDocument.Build(metrics, ProductVersion.Current));
        }).WithParameters(ParameterSchema.None);
    }
}
