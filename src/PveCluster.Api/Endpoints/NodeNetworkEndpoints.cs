using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Network;

namespace PveCluster.Api.Endpoints;

/// <summary><c>/nodes/{node}/network</c>: local interfaces, the choices for corosync link addresses.</summary>
public static class NodeNetworkEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/nodes/{node}/network", (string node, ApiOptions options) =>
        {
            LocalNode.Ensure(node, options);
            return ApiResponse.Data(NetworkInterfaceLister.List(), ApiJsonContext.Default.ListNetworkInterfaceEntry);
        }).WithParameters(ParameterSchema.None);
    }
}
