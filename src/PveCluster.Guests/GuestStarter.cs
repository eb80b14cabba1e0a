using Microsoft.Extensions.Logging;
using PveCluster.Core.Guests;
using PveCluster.Lifecycle;

namespace PveCluster.Guests;

/// <summary>
/// <c>pve-guests startall</c>: once quorate, starts this node's onboot guests one by one in startup order, pausing after
/// each as configured. A guest that fails is logged and the next one started (as Proxmox does); losing quorum stops the
/// run, because a start needs a writable /etc/pve.
/// </summary>
internal sealed class GuestStarter(NodeGuestScanner scanner, QuorumWaiter quorum, GuestTools tools, TimeProvider time, ILogger logger)
{
    /// <summary>Task.Delay's limit (about 49 days); a longer startup delay is waited as that.</summary>
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    public async Task<int> StartAllAsync(TimeSpan quorumTimeout, CancellationToken cancellationToken)
    {
        if (!await quorum.WaitAsync(quorumTimeout, cancellationToken).ConfigureAwait(false))
            return GuestsExitCodes.NoQuorum;

        var sequence = GuestBootPlanner.StartSequence(await scanner.ScanAsync(cancellationToken).ConfigureAwait(false));
        logger.LogInformation("starting {Count} guest(s) with onboot set: {Order}", sequence.Count, string.Join(", ", sequence.Select(s => s.VmId)));
        var failures = 0;
        foreach (var guest in sequence)
        {
            if (!QuorumWaiter.AllowsStarts(await quorum.ProbeAsync(cancellationToken).ConfigureAwait(false)))
            {
                logger.LogError("lost quorum: not starting guest {VmId} nor the ones after it", guest.VmId);
                return GuestsExitCodes.NoQuorum;
            }

            var outcome = await TryStartAsync(guest, cancellationToken).ConfigureAwait(false);
            if (outcome == StartOutcome.Failed)
                failures++;
            if (outcome == StartOutcome.Started && guest.PauseAfter > TimeSpan.Zero)
            {
                logger.LogInformation("waiting {Seconds} s after guest {VmId} (startup delay)", (long)guest.PauseAfter.TotalSeconds, guest.VmId);
                await Task.Delay(guest.PauseAfter < LongestDelay ? guest.PauseAfter : LongestDelay, time, cancellationToken).ConfigureAwait(false);
            }
        }

        logger.LogInformation("guest start finished: {Started} started or already running, {Failed} failed", sequence.Count - failures, failures);
        return failures == 0 ? GuestsExitCodes.Ok : GuestsExitCodes.SomeGuestsFailed;
    }

    private enum StartOutcome
    {
        Started,
        AlreadyRunning,
        Failed,
    }

    /// <summary>A guest already running is left alone (and, as in Proxmox, gets no startup delay).</summary>
    private async Task<StartOutcome> TryStartAsync(GuestStart guest, CancellationToken cancellationToken)
    {
        try
        {
            if (await tools.IsRunningAsync(guest.VmId, guest.Type, cancellationToken).ConfigureAwait(false))
            {
                logger.LogInformation("guest {VmId} is already running", guest.VmId);
                return StartOutcome.AlreadyRunning;
            }

            logger.LogInformation("starting {Kind} {VmId}", Kind(guest.Type), guest.VmId);
            await tools.StartAsync(guest.VmId, guest.Type, cancellationToken).ConfigureAwait(false);
            return StartOutcome.Started;
        }
        catch (LifecycleException ex)
        {
            logger.LogError("starting {Kind} {VmId} failed: {Message}", Kind(guest.Type), guest.VmId, ex.Message);
            return StartOutcome.Failed;
        }
    }

    internal static string Kind(GuestType type) => type == GuestType.Qemu ? "VM" : "CT";
}
