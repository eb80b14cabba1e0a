using System.Diagnostics;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Components;

/// <summary>
/// A join ends with pveproxy restarting on the node's new certificate and keys. Reloading the GUI while it is down
/// leaves the browser on its own "refused to connect" page, so the reload waits until the server has gone away and
/// answers again (or, when the restart already happened, until it answers), at most <see cref="Limit"/>; after that
/// it reloads anyway and the browser shows whatever the server does.
/// </summary>
public static class ApiRestartWait
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long a pending restart is waited for while the server keeps answering: a restart faster than one
    /// probe interval is never seen as a refused connection, and the answers then come from the new process.
    /// </summary>
    public static readonly TimeSpan UnseenRestartGrace = TimeSpan.FromSeconds(15);

    /// <param name="api">Asks <c>/access/domains</c>, which answers without a ticket.</param>
    /// <param name="restartPending">True when the restart has not been seen yet (the join task's end is unknown).</param>
    /// <param name="pause">Between two probes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <param name="unseenRestartGrace">Overrides <see cref="UnseenRestartGrace"/>.</param>
    /// <returns>True when the server came back within the limit.</returns>
    public static async Task<bool> WaitAsync(PveApiClient api, bool restartPending, TimeSpan pause, CancellationToken cancellationToken,
        TimeSpan? unseenRestartGrace = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var elapsed = Stopwatch.StartNew();
        var wentAway = !restartPending;
        while (elapsed.Elapsed < Limit)
        {
            try
            {
                await api.GetAsync("/access/domains", cancellationToken);
                if (wentAway || elapsed.Elapsed >= (unseenRestartGrace ?? UnseenRestartGrace))
                {
                    return true;
                }
            }
            catch (ApiCallException e) when (e.Status == 0)
            {
                wentAway = true;   // refused: the restart is under way
            }
            catch (ApiCallException) when (wentAway)
            {
                return true;       // any HTTP answer: it is listening again
            }
            catch (ApiCallException) when (elapsed.Elapsed >= (unseenRestartGrace ?? UnseenRestartGrace))
            {
                return true;       // answering all along: the restart happened between two probes
            }
            catch (ApiCallException)
            {
                // Still the old process, answering with an error: keep waiting for the restart.
            }

            await Task.Delay(pause, cancellationToken);
        }

        return false;
    }
}
