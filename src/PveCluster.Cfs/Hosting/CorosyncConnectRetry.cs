using Microsoft.Extensions.Logging;
using PveCluster.Corosync;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Connects to corosync in the background until it answers: pmxcfs keeps serving /etc/pve read-only meanwhile
/// (Proxmox's pmxcfs does the same when corosync is stopped or not started yet). Only corosync errors are retried;
/// anything else is a bug and ends the attempt.
/// </summary>
internal static class CorosyncConnectRetry
{
    /// <summary>How often a still-failing connection is logged at warning level (the rest go to debug).</summary>
    public const int WarnEveryAttempts = 10;

    /// <summary>
    /// Runs <paramref name="connect"/> until it succeeds, waiting <paramref name="backoff"/> between failed attempts.
    /// <paramref name="what"/> names the connection in the log ("the file tree", "the cluster log").
    /// </summary>
    public static async Task<T> ConnectAsync<T>(
        string what,
        Func<CancellationToken, Task<T>> connect,
        ReconnectBackoff backoff,
        TimeProvider clock,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connect);
        ArgumentNullException.ThrowIfNull(backoff);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connected = await connect(cancellationToken).ConfigureAwait(false);
                if (attempt > 1)
                    logger.LogInformation("corosync is reachable again: connected {What} after {Attempts} attempts", what, attempt);
                return connected;
            }
            catch (CorosyncException e)
            {
                var delay = backoff.Next();
                var level = attempt % WarnEveryAttempts == 1 ? LogLevel.Warning : LogLevel.Debug;
                logger.Log(
                    level,
                    "cannot connect {What} to corosync ({Reason}): /etc/pve stays read-only until corosync runs; retrying in {Delay} s (attempt {Attempt})",
                    what, e.Message, delay.TotalSeconds, attempt);
                await Task.Delay(delay, clock, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
