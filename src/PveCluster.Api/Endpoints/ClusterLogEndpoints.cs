using System.Globalization;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Endpoints;

/// <summary><c>GET /cluster/log</c>: the newest cluster log entries (<c>max</c>, default 50), from pmxcfs.</summary>
public static class ClusterLogEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/cluster/log", (HttpContext context, ClusterLogReader log) =>
        {
            var text = RequestParameters.Of(context).GetValueOrDefault("max");
            var max = ClusterLogReader.MaxEntries;
            if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max < 1))
            {
                throw ApiException.BadParameter("max", $"type check ('integer', minimum 1) failed - got '{text}'");
            }

            return ApiResponse.Data(log.Read(max));
        }).WithParameters(ParameterSchema.Of("max"));
    }
}
