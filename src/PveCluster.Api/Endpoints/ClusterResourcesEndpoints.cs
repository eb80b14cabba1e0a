using PveCluster.Api.Envelope;
using PveCluster.Api.NodeStatus;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>GET /cluster/resources</c>: the cluster's resources; this implementation manages nodes only (no guests,
/// storage or SDN), so <c>type=vm|storage|sdn</c> is a valid question with an empty answer.
/// </summary>
public static class ClusterResourcesEndpoints
{
    /// <summary>Proxmox's enumeration for the <c>type</c> filter.</summary>
    private static readonly string[] Types = ["vm", "storage", "node", "sdn"];

    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/resources", (HttpContext context, NodeRows rows) =>
        {
            var type = RequestParameters.Of(context).GetValueOrDefault("type");
            if (type is not null && !Types.Contains(type, StringComparer.Ordinal))
            {
                throw ApiException.BadParameter("type", $"value '{type}' does not have a value in the enumeration '{string.Join(", ", Types)}'");
            }

            return ApiResponse.Data(type is null or "node" ? rows.Build(withFingerprint: false) : []);
        }).WithParameters(ParameterSchema.Of("type"));
    }
}
