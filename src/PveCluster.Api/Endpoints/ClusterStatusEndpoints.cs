using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Endpoints;

/// <summary><c>/cluster/status</c>: membership as pmxcfs sees it (from <c>.members</c>).</summary>
public static class ClusterStatusEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/status", StatusAsync).WithParameters(ParameterSchema.None);
    }

    private static async Task<IResult> StatusAsync(
        MembersReader members,
        NodeAddressResolver addresses,
        ApiOptions options,
        CancellationToken cancellationToken)
    {
        var file = members.TryRead();
        var localAddress = file?.Cluster is null
            ? await addresses.ResolveAsync(options.Node, cancellationToken).ConfigureAwait(false)
            : null;
        return ApiResponse.Data(ClusterStatusBuilder.Build(file, options.Node, localAddress),
            ApiJsonContext.Default.ListClusterStatusEntry);
    }
}
