using Microsoft.Extensions.Logging;
using PveCluster.Core.Guests;

namespace PveCluster.Guests;

/// <summary>
/// Waits until pmxcfs reports quorum in <c>.members</c> (or that no cluster is configured), as Proxmox's startall does,
/// but only up to a deadline. Until pmxcfs has mounted /etc/pve the file is missing: that is "not yet", not an error.
/// </summary>
internal sealed class QuorumWaiter(PveDirectory pve, TimeProvider time, ILogger logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The current state; null while .members cannot be read (pmxcfs not up yet).</summary>
    public async Task<MembersQuorumState?> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            return MembersQuorum.Read(await File.ReadAllTextAsync(pve.MembersFile, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    public static bool AllowsStarts(MembersQuorumState? state) => state is MembersQuorumState.Quorate or MembersQuorumState.NoCluster;

    /// <summary>True once quorate (or standalone); false when <paramref name="timeout"/> passed without quorum.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var state = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        if (AllowsStarts(state))
            return true;

        logger.LogInformation("waiting for quorum (up to {Seconds} s) before starting guests", (long)timeout.TotalSeconds);
        while (time.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
            state = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (AllowsStarts(state))
            {
                logger.LogInformation("got quorum after {Seconds:F0} s", time.GetElapsedTime(started).TotalSeconds);
                return true;
            }
        }

        logger.LogError(
            "no quorum after {Seconds} s ({State}): not starting any guest; start them by hand once the cluster is quorate",
            (long)timeout.TotalSeconds, state is null ? $"{pve.MembersFile} unreadable, is pve-cluster running?" : "cluster not quorate");
        return false;
    }
}
