using System.Globalization;
using PveCluster.Api.Envelope;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Api.Join;

/// <summary>A refused lifecycle plan as an API error: one message plus <c>error0..N</c> entries the CLI prints one per line.</summary>
public static class PlanRefusal
{
    public static ApiException ToApiException(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var errors = plan.Errors
            .Select((e, i) => (Key: string.Create(CultureInfo.InvariantCulture, $"error{i}"), Value: e))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        return new ApiException(StatusCodes.Status400BadRequest, $"{plan.Title}: refused: {string.Join("; ", plan.Errors)}", errors);
    }
}
