using PveCluster.Api.Envelope;
using PveCluster.Corosync;

namespace PveCluster.Api.Endpoints;

/// <summary>The corosync reads behind <c>/nodes/{node}/corosync/*</c>: a corosync that does not answer is a clear 500.</summary>
internal static class CorosyncIpc
{
    /// <param name="what">What could not be read, for the message ("knet link status").</param>
    /// <param name="read">The read over corosync's IPC.</param>
    public static T Ask<T>(string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (CorosyncException e) when (e.IsConnectionFailure)
        {
            throw new ApiException(StatusCodes.Status500InternalServerError, $"cannot read {what}: corosync is not running ({e.Message})");
        }
    }
}
