using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// The periodic verify round: the first member asks, every member computes its tree checksum when
/// the request is delivered (the same point of the ordered stream everywhere) and multicasts it.
/// A member whose checksum differs from the one most members share (ties: the one of the first
/// member in CPG order) logs it loudly, drops its quorate epoch so that its tree can never lead,
/// and leaves and rejoins the group: the resync replaces its tree with the quorate leader's.
/// </summary>
public sealed partial class ReplicatedConfigTree
{
    private readonly Dictionary<CpgMember, byte[]> _verifyDigests = [];
    private ulong? _verifyNumber;
    private long _nextVerifyNumber;

    private async Task VerifyPeriodicallyAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.VerifyInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await RequestVerifyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Starts a verify round if this member is the first of a quorate, synced membership (receivers check the round again).</summary>
    internal async Task RequestVerifyAsync(CancellationToken cancellationToken)
    {
        var members = _members;
        if (_mode != SyncMode.Synced || !_membershipQuorate || _epoch is not { } round || members.Count < 2 || members[0] != _cpg.Self)
        {
            return;
        }

        try
        {
            await SendAsync(new VerifyRequestMessage(round, (ulong)Interlocked.Increment(ref _nextVerifyNumber)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            _logger.LogWarning(e, "cannot start a verify round");
        }
    }

    private async Task OnVerifyRequestAsync(CpgMember sender, VerifyRequestMessage message, CancellationToken cancellationToken)
    {
        if (_mode != SyncMode.Synced || message.Epoch != _epoch || _members.Count == 0 || sender != _members[0])
        {
            return;
        }

        _verifyNumber = message.Number;
        _verifyDigests.Clear();
        await SendAsync(new VerifyMessage(message.Epoch, message.Number, Database.ComputeDigest()), cancellationToken).ConfigureAwait(false);
    }

    private void OnVerify(CpgMember sender, VerifyMessage message)
    {
        if (_mode != SyncMode.Synced || message.Epoch != _epoch || message.Number != _verifyNumber || !_members.Contains(sender))
        {
            return;
        }

        _verifyDigests[sender] = message.Digest;
        if (_members.Any(m => !_verifyDigests.ContainsKey(m)))
        {
            return;
        }

        var reference = _members
            .GroupBy(m => Convert.ToHexString(_verifyDigests[m]))
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min())
            .First();
        var mine = Convert.ToHexString(_verifyDigests[_cpg.Self]);
        _verifyNumber = null;
        _verifyDigests.Clear();
        if (mine == reference.Key)
        {
            _logger.LogInformation("verify {Number}: all {Count} members hold identical trees", message.Number, _members.Count);
            return;
        }

        _logger.LogCritical(
            "verify {Number}: this node's tree checksum {Mine} differs from {Reference} held by {Holders}; discarding the local tree and resyncing from the leader",
            message.Number, mine, reference.Key, string.Join(',', reference));
        Database.SetQuorateEpoch(0);
        EnterError("tree checksum mismatch");
    }

    private void ForgetVerify()
    {
        _verifyNumber = null;
        _verifyDigests.Clear();
    }
}
