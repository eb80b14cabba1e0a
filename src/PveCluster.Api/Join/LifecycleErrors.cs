using System.Globalization;
using PveCluster.Api.Envelope;
using PveCluster.Core.Lifecycle;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Locking;

namespace PveCluster.Api.Join;

/// <summary>Expected failures of the lifecycle library as API errors; anything else is left to the error middleware.</summary>
public static class LifecycleErrors
{
    public static async Task<T> MapAsync<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (PlanRefusedException ex)
        {
            throw Refused(ex);
        }
        catch (ClusterLockedException ex)
        {
            throw new ApiException(StatusCodes.Status503ServiceUnavailable, ex.Message);
        }
        catch (LifecycleException ex)
        {
            throw new ApiException(ex.IsUsageError ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError, ex.Message);
        }
    }

    /// <summary>A refused plan: one message plus <c>error0..N</c> entries the CLI prints one per line.</summary>
    private static ApiException Refused(PlanRefusedException refusal)
    {
        var errors = refusal.Errors
            .Select((e, i) => (Key: string.Create(CultureInfo.InvariantCulture, $"error{i}"), Value: e))
            .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        var title = refusal.Message.Split('\n')[0];
        return new ApiException(StatusCodes.Status400BadRequest, $"{title} {string.Join("; ", refusal.Errors)}", errors);
    }
}
