using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// When an operation counts as held by a quorum, and what happens to the ones that are not.
///
/// corosync delivers a message to its sender possibly before any other member has it, so applying
/// an operation locally says nothing about the others. Every member therefore announces, once per
/// batch, how many operations of the current round (the configuration since its sync completed) it
/// has applied; position 0 stands for the tree adopted by the sync. The writer completes its
/// caller only once members whose configured votes make a quorum reported the operation's position.
///
/// At a configuration change, an operation still waiting is decided by extended virtual synchrony:
/// everybody who moves with this member into the next configuration delivered the same operations.
/// Into a quorate configuration the waiting operations are carried and complete once its sync keeps
/// this member's tree and a quorum reports position 0 there; otherwise they fail with EIO, and the
/// operations this member applied but never announced are undone (nobody can have counted them).
/// </summary>
public sealed partial class ReplicatedConfigTree
{
    private readonly Dictionary<CpgMember, ulong> _reports = [];
    private readonly List<AwaitingQuorum> _awaiting = [];
    private readonly List<UndoRecord> _undo = [];
    private ulong _appliedCount;

    /// <summary>How many of the applied operations are durable here (group commit lags until the batch ends).</summary>
    private ulong _committedCount;
    private ulong? _announced;
    private ulong? _stable;

    /// <summary>True when the current membership holds a quorum of the configured votes (set at each configuration change and sync).</summary>
    private volatile bool _membershipQuorate;

    /// <summary>
    /// Another member may wait for this member's next report: it applied another member's operation,
    /// or a sync (or a verdict) made position 0 count. A run of only this member's own operations
    /// needs no report: nobody but this member waits for those, and it counts itself.
    /// </summary>
    private bool _announcePending;

    /// <summary>An own operation applied at <paramref name="Sequence"/> of <paramref name="Round"/>, waiting for a quorum to hold it.</summary>
    private readonly record struct AwaitingQuorum(SyncEpoch Round, ulong Sequence, ulong RequestId, CfsError Result);

    /// <summary>The entries an applied, not yet announced operation changed, as they were before.</summary>
    private sealed record UndoRecord(SyncEpoch Round, ulong Sequence, IReadOnlyList<(ulong Inode, EntryData? Before)> Before);

    private const ulong CommitAtLeastEvery = 64;

    /// <summary>Under a steady stream the batch may not end for a while: commit (and announce) at least this often.</summary>
    private bool HasLongUncommittedRun => _appliedCount - _committedCount >= CommitAtLeastEvery;

    /// <summary>By the configured votes, or by votequorum's verdict: a lone member's own (Alone part), the members' agreed one (Verdicts part).</summary>
    private bool IsQuorate(IReadOnlyList<CpgMember> members) =>
        _votes.IsQuorate(members.Select(m => m.NodeId).ToHashSet()) || IsQuorateAloneByVotequorum(members) || _verdicts.AgreeQuorate(members);

    /// <summary>Applies one ordered operation of the current round and, for an own one, starts waiting for its quorum.</summary>
    private void ApplyInRound(CpgMember sender, NormalMessage message)
    {
        var sequence = _appliedCount + 1;
        var round = _epoch!.Value;
        CfsError result;
        try
        {
            result = Database.Stage(message.Operation, sender.NodeId, message.Timestamp,
                before => _undo.Add(new UndoRecord(round, sequence, before)));
        }
        catch
        {
            // The caller must not wait forever; the event handler moves this member into error mode.
            if (sender == _cpg.Self)
            {
                Complete(message.RequestId, CfsError.IoError);
            }

            throw;
        }

        _appliedCount = sequence;
        if (sender == _cpg.Self)
        {
            _awaiting.Add(new AwaitingQuorum(round, sequence, message.RequestId, result));
        }
        else
        {
            _announcePending = true;
        }
    }

    private void OnApplied(CpgMember sender, AppliedMessage message)
    {
        if (_mode != SyncMode.Synced || message.Epoch != _epoch || sender == _cpg.Self || !_members.Contains(sender))
        {
            return;
        }

        if (!_reports.TryGetValue(sender, out var known) || message.Sequence > known)
        {
            _reports[sender] = message.Sequence;
            AdvanceStable();

            // An own operation this report covers that is applied but not yet committed here may now
            // wait only for this member's own count: commit now instead of at the end of the batch
            // (under a steady stream that end may be far). When the report covers only committed
            // operations, completing them needs no fsync, and the batch keeps its single commit.
            if (_committedCount < _appliedCount && _awaiting.Exists(a => a.Sequence > _committedCount && a.Sequence <= message.Sequence))
            {
                CommitApplied();
            }
        }
    }

    /// <summary>Finds the highest position a quorum holds and completes the own operations up to it.</summary>
    private void AdvanceStable()
    {
        if (_mode != SyncMode.Synced || !_membershipQuorate)
        {
            return;
        }

        // This member counts only for what its disk holds.
        var byNode = new Dictionary<uint, ulong> { [_cpg.Self.NodeId] = _committedCount };
        foreach (var (member, sequence) in _reports)
        {
            byNode[member.NodeId] = Math.Max(sequence, byNode.GetValueOrDefault(member.NodeId));
        }

        var memberNodes = _members.Select(m => m.NodeId).ToHashSet();
        var holders = new HashSet<uint>();
        ulong? stable = null;
        foreach (var (node, sequence) in byNode.OrderByDescending(kv => kv.Value))
        {
            holders.Add(node);
            // Every member of a quorate membership is a quorum too; it is the only one when votes the
            // membership does not show made it quorate (a lone member, a QDevice: Alone and Verdicts parts).
            if (_votes.IsQuorate(holders) || holders.SetEquals(memberNodes))
            {
                stable = sequence;
                break;
            }
        }

        if (stable is not { } reached || _stable is { } current && reached <= current)
        {
            return;
        }

        _stable = reached;
        var round = _epoch!.Value;
        foreach (var done in _awaiting.Where(a => a.Round == round && a.Sequence <= reached).ToList())
        {
            _awaiting.Remove(done);
            Complete(done.RequestId, done.Result);
        }

        _undo.RemoveAll(u => u.Round != round || u.Sequence <= reached);
    }

    /// <summary>
    /// Commits the operations applied since the last commit in one transaction (the end of a
    /// delivery batch); only then does this member count for them, towards its own writers' quorum
    /// and, through the next announcement, towards the others'.
    /// </summary>
    private void CommitApplied()
    {
        Database.CommitStaged();
        if (_committedCount == _appliedCount)
        {
            return;
        }

        _committedCount = _appliedCount;
        AdvanceStable();
    }

    /// <summary>Tells the others how far this member got (after committing it); called when no event is waiting (one message per batch).</summary>
    internal async Task AnnounceAppliedAsync(CancellationToken cancellationToken)
    {
        CommitApplied();
        if (!_announcePending || _mode != SyncMode.Synced || !_membershipQuorate || _epoch is not { } round)
        {
            return;
        }

        _announcePending = false;
        if (_announced == _appliedCount)
        {
            return;
        }

        // Once sent, somebody may count this member for these operations: they are never undone.
        _announced = _appliedCount;
        _undo.Clear();
        await SendAsync(new AppliedMessage(round, _appliedCount), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The configuration changed: waiting operations are carried into a quorate configuration, or
    /// fail (and what nobody was told about is undone) when this member ends up without quorum.
    /// </summary>
    private void SettleAtConfigurationChange(bool quorateNext, string reason)
    {
        if (!quorateNext)
        {
            FailAwaiting(reason);
            UndoUnannounced();
        }

        _reports.Clear();
        _appliedCount = 0;
        _committedCount = 0;
        _announced = null;
        _stable = null;
        _announcePending = false;
    }

    /// <summary>The sync finished: carried operations wait for position 0 if the tree they are in was kept.</summary>
    private void SettleAtSyncCompletion(SyncEpoch round, bool keptOwnTree, bool quorate)
    {
        if (!keptOwnTree || !quorate)
        {
            FailAwaiting(keptOwnTree ? "the new configuration has no quorum" : "the sync adopted another member's tree");
            _undo.Clear();
        }

        for (var i = 0; i < _awaiting.Count; i++)
        {
            _awaiting[i] = _awaiting[i] with { Round = round, Sequence = 0 };
        }

        _announcePending = quorate;
        AdvanceStable();
    }

    private void FailAwaiting(string reason)
    {
        if (_awaiting.Count > 0)
        {
            _logger.LogWarning("{Count} operations failed before a quorum was known to hold them: {Reason}", _awaiting.Count, reason);
        }

        foreach (var waiting in _awaiting)
        {
            Complete(waiting.RequestId, CfsError.IoError);
        }

        _awaiting.Clear();
    }

    private void UndoUnannounced()
    {
        if (_undo.Count == 0)
        {
            return;
        }

        var before = new Dictionary<ulong, EntryData?>();
        foreach (var record in Enumerable.Reverse(_undo))
        {
            foreach (var (inode, entry) in record.Before)
            {
                before[inode] = entry;
            }
        }

        var count = _undo.Count;
        _undo.Clear();
        foreach (var path in Database.Restore(before))
        {
            _logger.LogWarning("discarding the change of {Path}: no quorum ever held it", path);
        }

        _logger.LogWarning("undid {Count} operations that no quorum held", count);
    }
}
