using PveCluster.Cfs.Replication.Messages;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// The votequorum verdicts the members of one CPG configuration reported, as delivered in the ordered
/// stream. Every member records the same reports in the same order, so <see cref="AgreeQuorate"/>
/// gives every member the same answer at the same point of the stream, although each member learns
/// votequorum's verdict on its own schedule.
///
/// Votequorum's verdict may count votes the CPG membership does not show (a QDevice, a runtime
/// <c>pvecm expected</c>). It is taken only when it is unanimous and about exactly this membership:
/// every member's latest report says quorate for one and the same totem ring, and that ring holds
/// exactly the membership's nodes (a node in the ring without pmxcfs holds no tree, so its vote
/// must not count). Votequorum itself gives such a verdict to at most one partition of a ring.
/// </summary>
internal sealed class VotequorumVerdicts
{
    private readonly Dictionary<CpgMember, VotequorumVerdictMessage> _latest = [];

    /// <summary>A new configuration: reports of the previous one say nothing about it.</summary>
    public void Clear() => _latest.Clear();

    public void Record(CpgMember member, VotequorumVerdictMessage verdict) => _latest[member] = verdict;

    /// <summary>True when every member of <paramref name="members"/> reported quorate for the same ring made of exactly their nodes.</summary>
    public bool AgreeQuorate(IReadOnlyCollection<CpgMember> members)
    {
        if (members.Count == 0)
        {
            return false;
        }

        var nodes = members.Select(m => m.NodeId).ToHashSet();
        RingId? ring = null;
        foreach (var member in members)
        {
            if (!_latest.TryGetValue(member, out var verdict) || !verdict.Quorate || !nodes.SetEquals(verdict.RingNodes)
                || ring is { } agreed && verdict.Ring != agreed)
            {
                return false;
            }

            ring = verdict.Ring;
        }

        return true;
    }
}
