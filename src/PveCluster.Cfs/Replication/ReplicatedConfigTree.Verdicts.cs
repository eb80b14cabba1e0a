using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// A membership of any size may take votequorum's verdict (a QDevice vote, <c>pvecm expected</c>):
/// every member multicasts the verdict it holds for its current ring, and the membership counts as
/// quorate at the point of the ordered stream where the reports of all its members agree (see
/// <see cref="VotequorumVerdicts"/>). Every member evaluates the same reports at the same point, so
/// they all decide alike, as they do for the configured votes. Such a membership acknowledges an
/// operation only once every member holds it (the QDevice holds no tree).
/// </summary>
public sealed partial class ReplicatedConfigTree
{
    private readonly VotequorumVerdicts _verdicts = new();

    /// <summary>The verdict this member multicast in the current configuration (null: none yet).</summary>
    private VotequorumVerdictMessage? _verdictShared;

    /// <summary>A new configuration: nobody's verdict is known for it yet (called before its quorum is decided).</summary>
    private void ForgetVerdicts()
    {
        _verdicts.Clear();
        _verdictShared = null;
    }

    /// <summary>
    /// Multicasts this node's latest votequorum notification when it differs from the one shared in this
    /// configuration (after a configuration change, a totem ring change and a votequorum notification).
    /// </summary>
    private async Task ShareVotequorumVerdictAsync(CancellationToken cancellationToken)
    {
        if (_mode is SyncMode.Start or SyncMode.Error || !_members.Contains(_cpg.Self) || _quorum.Current is not { } view)
        {
            return;
        }

        // Quorate only for the ring cpg reported last: a notification still about an earlier ring says nothing about this one.
        var current = _ring is { } ring && ring.RingId == view.RingId && ring.NodeIds.Order().SequenceEqual(view.Members.Order());
        var verdict = new VotequorumVerdictMessage(view.RingId, view.IsQuorate && current, view.Members.Order().ToList());
        if (_verdictShared is { } shared && shared.SameAs(verdict))
        {
            return;
        }

        _verdictShared = verdict;
        await SendAsync(verdict, cancellationToken).ConfigureAwait(false);
    }

    private void OnVerdict(CpgMember sender, VotequorumVerdictMessage verdict)
    {
        if (!_members.Contains(sender))
        {
            return;
        }

        _verdicts.Record(sender, verdict);
        ReconsiderMembershipQuorum();
    }

    /// <summary>
    /// At a point of the stream (a delivered verdict), a synced membership re-decides its quorum.
    /// During a sync nothing changes here: the sync's completion decides with the verdicts delivered by then.
    /// </summary>
    private void ReconsiderMembershipQuorum()
    {
        if (_mode != SyncMode.Synced)
        {
            return;
        }

        var quorate = IsQuorate(_members);
        if (quorate && !_membershipQuorate)
        {
            BecomeQuorate("the members' votequorum verdicts agree");
        }
        else if (!quorate && _membershipQuorate)
        {
            // Every member stops here alike: nothing further is applied or acknowledged in this round.
            // What is applied stays (all members hold the same tree); waiting writers learn "unknown".
            _membershipQuorate = false;
            _logger.LogWarning("the membership lost quorum (ring {Ring}): writes are refused", _quorum.Current?.RingId);
            FailAwaiting("the membership lost its quorum");
            StatusChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>
    /// A synced membership becomes quorate without a configuration change: like a quorate sync
    /// completing, it advances the persisted quorate epoch (leader selection then prefers this tree
    /// over one that no quorum continued) and from now on its writes are acknowledged.
    /// </summary>
    private void BecomeQuorate(string why)
    {
        Database.SetQuorateEpoch(Database.QuorateEpoch + 1);
        _membershipQuorate = true;
        _announcePending = true;
        _logger.LogWarning("{Why} (ring {Ring}): writes are accepted by members {Members}, quorate epoch {QuorateEpoch}",
            why, _quorum.Current?.RingId, string.Join(',', _members), Database.QuorateEpoch);
        StatusChanged?.Invoke(this, EventArgs.Empty);
    }
}
