using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

public sealed partial class ReplicatedConfigTree
{
    private ulong _configurationCounter;

    /// <summary>Handles one CPG event. Called by the event loop, or directly by deterministic tests.</summary>
    internal Task HandleEventAsync(CpgEvent cpgEvent, CancellationToken cancellationToken) =>
        GuardAsync(cpgEvent.GetType().Name, async () =>
        {
            switch (cpgEvent)
            {
                case CpgConfigurationChanged change:
                    await OnConfigurationChangedAsync(change, cancellationToken).ConfigureAwait(false);
                    break;
                case CpgMessageDelivered delivered:
                    await OnMessageAsync(delivered, cancellationToken).ConfigureAwait(false);
                    break;
                case CpgRingChanged ring:
                    OnRingChanged(ring);
                    await ShareVotequorumVerdictAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case CpgConnectionLost lost:
                    _logger.LogWarning("lost the corosync connection: {Reason}", lost.Reason);
                    LeaveGroup("the corosync connection was lost");
                    break;
            }
        });

    /// <summary>
    /// Called when no event is waiting: announces what this member applied since the last
    /// announcement, and after an error leaves and rejoins the group to resync from scratch.
    /// </summary>
    internal Task OnIdleAsync(CancellationToken cancellationToken) =>
        GuardAsync("the applied announcement", async () =>
        {
            await AnnounceAppliedAsync(cancellationToken).ConfigureAwait(false);
            if (_mode == SyncMode.Error && _rejoinRequested)
            {
                await RejoinAsync(cancellationToken).ConfigureAwait(false);
            }
        });

    /// <summary>Consecutive rejoins without a completed sync in between; they back off so a lasting failure does not spin.</summary>
    private int _failedRejoins;
    private bool _rejoinRequested;

    private async Task RejoinAsync(CancellationToken cancellationToken)
    {
        _rejoinRequested = false;
        var delay = _failedRejoins == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Min(10_000, 250 << Math.Min(_failedRejoins, 6)));
        _failedRejoins++;
        _logger.LogWarning("leaving and rejoining CPG group {Group} to resync (attempt {Attempt})", _cpg.GroupName, _failedRejoins);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _cpg.RejoinAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            _logger.LogError(e, "cannot rejoin CPG group {Group}; retrying", _cpg.GroupName);
            _rejoinRequested = true;
        }
    }

    private async Task GuardAsync(string what, Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (SqliteException e)
        {
            _logger.LogCritical(e, "cannot persist the tree; refusing writes until the next resync");
            EnterError("disk failure");
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            _logger.LogError(e, "failed to handle {Event}; refusing writes until the next resync", what);
            EnterError("internal error");
        }
    }

    private async Task OnConfigurationChangedAsync(CpgConfigurationChanged change, CancellationToken cancellationToken)
    {
        // What was applied before the change is decided with what the disk holds.
        CommitApplied();
        _configurationCounter++;
        var members = change.Members.Order().ToList();
        _logger.LogInformation("CPG configuration #{Counter}: members {Members}, left {Left}, joined {Joined}",
            _configurationCounter, string.Join(',', members), string.Join(',', change.Left), string.Join(',', change.Joined));
        _members = members;
        DropQueue("the membership changed before it was applied");
        ForgetVerify();
        ForgetVerdicts();
        var quorate = members.Contains(_cpg.Self) && IsQuorate(members);
        SettleAtConfigurationChange(quorate, quorate ? "" : "the new membership has no quorum");
        _membershipQuorate = quorate;
        ResetSync(forgetEpoch: true);
        if (!members.Contains(_cpg.Self))
        {
            SetMode(SyncMode.Start);
            return;
        }

        SetMode(SyncMode.StartSync);
        StatusChanged?.Invoke(this, EventArgs.Empty);
        if (members[0] == _cpg.Self)
        {
            var epoch = new SyncEpoch(_cpg.Self.NodeId, _cpg.Self.Pid, _configurationCounter);
            await SendAsync(new SyncStartMessage(epoch, members), cancellationToken).ConfigureAwait(false);
        }

        await ShareVotequorumVerdictAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task OnMessageAsync(CpgMessageDelivered delivered, CancellationToken cancellationToken)
    {
        ReplicationMessage message;
        try
        {
            message = MessageCodec.Decode(delivered.Payload);
        }
        catch (MalformedMessageException e)
        {
            // Every member decodes the same bytes the same way, so ignoring it keeps them identical.
            _logger.LogWarning("ignoring a malformed message from {Sender}: {Reason}", delivered.Sender, e.Message);
            return;
        }

        switch (message)
        {
            case NormalMessage normal:
                OnNormal(delivered.Sender, normal);
                break;
            case SyncStartMessage start:
                await OnSyncStartAsync(delivered.Sender, start, cancellationToken).ConfigureAwait(false);
                break;
            case StateMessage state:
                await OnStateAsync(delivered.Sender, state, cancellationToken).ConfigureAwait(false);
                break;
            case UpdateMessage update:
                OnUpdate(delivered.Sender, update);
                break;
            case UpdateCompleteMessage complete:
                OnUpdateComplete(delivered.Sender, complete);
                break;
            case AppliedMessage applied:
                OnApplied(delivered.Sender, applied);
                break;
            case VerifyRequestMessage request:
                await OnVerifyRequestAsync(delivered.Sender, request, cancellationToken).ConfigureAwait(false);
                break;
            case VerifyMessage verify:
                OnVerify(delivered.Sender, verify);
                break;
            case VotequorumVerdictMessage verdict:
                OnVerdict(delivered.Sender, verdict);
                break;
        }
    }

    private void LeaveGroup(string reason)
    {
        _members = [];
        _membershipQuorate = false;
        DropQueue(reason);
        SettleAtConfigurationChange(quorateNext: false, reason);
        ResetSync(forgetEpoch: true);
        FailAllPending(reason);
        SetMode(SyncMode.Start);
    }

    private void EnterError(string reason)
    {
        DropQueue(reason);
        FailAwaiting(reason);
        _undo.Clear();
        ResetSync();
        SetMode(SyncMode.Error);
        _rejoinRequested = true;
    }

    private Task SendAsync(ReplicationMessage message, CancellationToken cancellationToken) =>
        _cpg.SendAsync(MessageCodec.Encode(message), cancellationToken);
}
