using System.Text.Json.Nodes;
using PveCluster.Api.Envelope;
using PveCluster.Api.NodeStatus;

namespace PveCluster.Api.Endpoints;

/// <summary><c>GET /version</c>: this server's version (pve-api's, not a Proxmox VE release number).</summary>
public static class VersionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/version", () =>
        {
            var version = ProductVersion.Current;
            return ApiResponse.Data(new JsonObject
            {
                ["version"] = version.Version,
                ["release"] = version.Release,
                ["repoid"] = version.RepositoryId,
            });
        }).WithParameters(ParameterSchema.None);
    }
}
