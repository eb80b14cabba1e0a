using Microsoft.Extensions.Logging;
using PveCluster.Core.Guests;
using PveCluster.Lifecycle;

namespace PveCluster.Guests;

/// <summary>
/// <c>pve-guests stopall</c>: shuts down every running guest of this node in reverse startup order. The guests of one
/// order shut down side by side, at most <c>max_workers</c> at a time (datacenter.cfg, else the CPU count, as in
/// Proxmox); the next order starts when the whole group is down. Needs no quorum.
/// </summary>
internal sealed class GuestStopper(NodeGuestScanner scanner, GuestTools tools, ILogger logger)
{
    public async Task<int> StopAllAsync(int maxWorkers, CancellationToken cancellationToken)
    {
        var groups = GuestBootPlanner.StopGroups(await scanner.ScanAsync(cancellationToken).ConfigureAwait(false));
        var failures = 0;
        foreach (var group in groups)
        {
            await Parallel.ForEachAsync(
                group,
                new ParallelOptions { MaxDegreeOfParallelism = maxWorkers, CancellationToken = cancellationToken },
                async (guest, token) =>
                {
                    if (!await TryStopAsync(guest, token).ConfigureAwait(false))
                        Interlocked.Increment(ref failures);
                }).ConfigureAwait(false);
        }

        logger.LogInformation("all guests stopped{Failures}", failures == 0 ? "" : $", except {failures} that failed");
        return failures == 0 ? GuestsExitCodes.Ok : GuestsExitCodes.SomeGuestsFailed;
    }

    private async Task<bool> TryStopAsync(GuestStop guest, CancellationToken cancellationToken)
    {
        var kind = GuestStarter.Kind(guest.Type);
        try
        {
            if (!await tools.IsRunningAsync(guest.VmId, guest.Type, cancellationToken).ConfigureAwait(false))
                return true;

            logger.LogInformation("stopping {Kind} {VmId} (timeout = {Seconds} seconds)", kind, guest.VmId, (long)guest.Timeout.TotalSeconds);
            await tools.ShutdownAsync(guest.VmId, guest.Type, guest.Timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (LifecycleException ex)
        {
            logger.LogError("stopping {Kind} {VmId} failed: {Message}", kind, guest.VmId, ex.Message);
            return false;
        }
    }
}
