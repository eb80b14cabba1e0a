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

    /// <param name="api">Asks <c>/access/domains</c>, which answers without a ticket.</param>
    /// <param name="restartPending">True when the restart has not been seen yet (the join task's end is unknown).</param>
    /// <param name="pause">Between two probes.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>True when the server came back within the limit.</returns>
    public static async Task<bool> WaitAsync(PveApiClient api, bool restartPending, TimeSpan pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var elapsed = Stopwatch.StartNew();
        var wentAway = !restartPending;
        while (elapsed.Elapsed < Limit)
        {
            try
            {
                await api.GetAsync("/access/domains", cancellationToken);
                if (wentAway)
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
            catch (ApiCallException)
            {
                // Still the old process, answering with an error: keep waiting for the restart.
            }

            await Task.Delay(pause, cancellationToken);
        }

        return false;
    }
}
