using PveCluster.Cfs.Replication.Messages;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// Picks the member whose tree everybody adopts. Every member runs this on the same inputs, so
/// all agree without another round: highest quorate epoch, then highest tree version, then newest
/// mtime, then first in CPG order.
///
/// The quorate epoch comes first because versions of two branches are not comparable: a partition
/// without quorum may have applied more operations (that no quorum ever held) than the quorate side
/// did meanwhile. Only a quorate configuration advances the epoch, so the branch that a quorum
/// continued always wins over one that it did not.
/// </summary>
internal static class LeaderSelection
{
    public static CpgMember Select(IReadOnlyList<CpgMember> members, IReadOnlyDictionary<CpgMember, StateMessage> states)
    {
        var leader = members[0];
        var best = states[leader];
        foreach (var member in members.Skip(1))
        {
            var state = states[member];
            if (IsAhead(state, best))
            {
                leader = member;
                best = state;
            }
        }

        return leader;
    }

    private static bool IsAhead(StateMessage state, StateMessage than) =>
        state.QuorateEpoch != than.QuorateEpoch ? state.QuorateEpoch > than.QuorateEpoch
        : state.Index.Version != than.Index.Version ? state.Index.Version > than.Index.Version
        : state.Index.MTime > than.Index.MTime;
}
