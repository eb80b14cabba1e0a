using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

public sealed partial class ReplicatedConfigTree
{
    /// <summary>Update messages stay well below corosync's 1 MiB atomic message size where possible.</summary>
    private const int UpdateChunkBytes = 256 * 1024;

    private readonly Dictionary<CpgMember, StateMessage> _states = [];
    private readonly Dictionary<ulong, EntryData> _updates = [];
    private SyncEpoch? _epoch;
    private CpgMember? _leader;

    /// <summary>
    /// Forgets the round in progress. The last adopted epoch is kept until the membership changes,
    /// so a stale sync-start that arrives after a completed round cannot restart it.
    /// </summary>
    private void ResetSync(bool forgetEpoch = false)
    {
        if (forgetEpoch)
        {
            _epoch = null;
        }

        _leader = null;
        _states.Clear();
        _updates.Clear();
    }

    private async Task OnSyncStartAsync(CpgMember sender, SyncStartMessage message, CancellationToken cancellationToken)
    {
        var members = _members;
        var epoch = message.Epoch;
        var stale = _mode == SyncMode.Start
            || members.Count == 0 || sender != members[0] || !message.Members.SequenceEqual(members)
            || epoch.NodeId != sender.NodeId || epoch.Pid != sender.Pid
            || sender == _cpg.Self && epoch.Counter != _configurationCounter
            || _epoch is { } current && epoch.Counter <= current.Counter;
        if (stale)
        {
            _logger.LogDebug("discarding stale sync-start {Epoch} from {Sender}", epoch, sender);
            return;
        }

        // A sync may restart (a newer sync-start of the same first member): the queue is kept,
        // because every member restarts at this same point of the stream.
        _epoch = epoch;
        _leader = null;
        _states.Clear();
        _updates.Clear();
        SetMode(SyncMode.StartSync);
        var index = Database.Read(TreeIndex.Of);
        var quorateEpoch = Database.QuorateEpoch;
        _logger.LogInformation("sync {Epoch}: sending state (quorate epoch {QuorateEpoch}, version {Version}, {Count} entries)",
            epoch, quorateEpoch, index.Version, index.Entries.Count);
        await SendAsync(new StateMessage(epoch, quorateEpoch, index), cancellationToken).ConfigureAwait(false);
    }

    private async Task OnStateAsync(CpgMember sender, StateMessage message, CancellationToken cancellationToken)
    {
        if (_mode != SyncMode.StartSync || message.Epoch != _epoch || !_members.Contains(sender))
        {
            return;
        }

        _states[sender] = message;
        if (_members.Any(m => !_states.ContainsKey(m)))
        {
            return;
        }

        var leader = LeaderSelection.Select(_members, _states);
        _leader = leader;
        SetMode(SyncMode.Update);
        _logger.LogInformation("sync {Epoch}: leader {Leader} with quorate epoch {QuorateEpoch}, version {Version}",
            _epoch, leader, _states[leader].QuorateEpoch, _states[leader].Index.Version);
        if (leader == _cpg.Self)
        {
            await SendUpdatesAsync(message.Epoch, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendUpdatesAsync(SyncEpoch epoch, CancellationToken cancellationToken)
    {
        var others = _states.Values.Select(s => s.Index.Entries.ToDictionary(e => e.Inode)).ToList();
        var differing = Database.Read(state => state.Entries
            .Where(entry => others.Any(index => !index.TryGetValue(entry.Inode, out var theirs) || !theirs.SameAs(entry)))
            .OrderBy(e => e.Inode)
            .ToList());

        var chunk = new List<EntryData>();
        var chunkBytes = 0L;
        foreach (var entry in differing)
        {
            var size = entry.Data.LongLength + entry.Name.Length + 64;
            if (chunk.Count > 0 && chunkBytes + size > UpdateChunkBytes)
            {
                await SendAsync(new UpdateMessage(epoch, chunk), cancellationToken).ConfigureAwait(false);
                chunk = [];
                chunkBytes = 0;
            }

            chunk.Add(entry);
            chunkBytes += size;
        }

        if (chunk.Count > 0)
        {
            await SendAsync(new UpdateMessage(epoch, chunk), cancellationToken).ConfigureAwait(false);
        }

        _logger.LogInformation("sync {Epoch}: sent {Count} differing entries", epoch, differing.Count);
        await SendAsync(new UpdateCompleteMessage(epoch), cancellationToken).ConfigureAwait(false);
    }

    private void OnUpdate(CpgMember sender, UpdateMessage message)
    {
        if (_mode != SyncMode.Update || message.Epoch != _epoch || sender != _leader)
        {
            return;
        }

        foreach (var entry in message.Entries)
        {
            _updates[entry.Inode] = entry;
        }
    }

    private void OnUpdateComplete(CpgMember sender, UpdateCompleteMessage message)
    {
        if (_mode != SyncMode.Update || message.Epoch != _epoch || sender != _leader)
        {
            return;
        }

        var leaderState = _states[sender];
        var (entries, problem, keptOwnTree) = Database.Read(current => Reconcile(current, leaderState.Index));
        if (problem is null)
        {
            var problems = TreeConsistency.Check(entries, Database.Limits);
            problem = problems.Count > 0 ? string.Join("; ", problems.Take(5)) : null;
        }

        if (problem is not null)
        {
            _logger.LogError("sync {Epoch}: the leader's tree cannot be adopted: {Problem}", _epoch, problem);
            EnterError("sync failed");
            return;
        }

        if (!keptOwnTree)
        {
            LogDiscarded(leaderState.Index);
        }

        // Built off to the side and switched in one step (one SQLite transaction, one swap in memory).
        var round = _epoch!.Value;
        Database.Replace(TreeState.FromEntries(entries), leaderState.QuorateEpoch);

        // Decided on the adopted tree (its corosync.conf), so every member decides alike.
        var quorate = IsQuorate(_members);
        if (quorate)
        {
            Database.SetQuorateEpoch(leaderState.QuorateEpoch + 1);
        }

        _membershipQuorate = quorate;
        _failedRejoins = 0;
        _logger.LogInformation("sync {Epoch}: synced, quorate epoch {QuorateEpoch}, membership {Quorum}",
            round, Database.QuorateEpoch, quorate ? "quorate" : "without quorum (operations are refused)");
        ResetSync();
        SetMode(SyncMode.Synced);
        SettleAtSyncCompletion(round, keptOwnTree, quorate);
        ApplyQueue();
        AdvanceStable();
    }

    /// <summary>Logs each own entry the leader's tree does not hold in this or a newer version: it is dropped now.</summary>
    private void LogDiscarded(TreeIndex leaderIndex)
    {
        var leaderEntries = leaderIndex.Entries.ToDictionary(e => e.Inode);
        var discarded = Database.Read(current => current.Entries
            .Where(mine => mine.Inode != TreeState.RootInode
                && (!leaderEntries.TryGetValue(mine.Inode, out var theirs) || theirs.Version < mine.Version || theirs.Version == mine.Version && !theirs.SameAs(mine)))
            .Select(mine => (Path: current.PathOf(mine), mine.Version))
            .ToList());
        foreach (var (path, version) in discarded)
        {
            _logger.LogWarning("sync: discarding local {Path} (version {Version}): the leader's tree does not hold it", path, version);
        }
    }

    /// <summary>The leader's tree: own entries where they already match, received updates otherwise; everything else goes.</summary>
    /// <remarks>KeptOwnTree: the result equals the current tree (nothing received, nothing dropped).</remarks>
    private (List<EntryData> Entries, string? Problem, bool KeptOwnTree) Reconcile(TreeState current, TreeIndex leaderIndex)
    {
        var entries = new List<EntryData>(leaderIndex.Entries.Count);
        var kept = true;
        foreach (var wanted in leaderIndex.Entries)
        {
            if (current.Get(wanted.Inode) is { } mine && wanted.SameAs(mine))
            {
                entries.Add(mine);
            }
            else if (_updates.TryGetValue(wanted.Inode, out var update) && wanted.SameAs(update))
            {
                entries.Add(update);
                kept = false;
            }
            else
            {
                return (entries, $"no matching update for inode {wanted.Inode} version {wanted.Version}", false);
            }
        }

        return (entries, null, kept && entries.Count == current.Count);
    }
}
