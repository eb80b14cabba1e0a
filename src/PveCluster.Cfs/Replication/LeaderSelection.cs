using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication;

/// <summary>
/// Picks the member whose tree everybody adopts. Every member runs this on the same inputs, so
/// all agree without another round: highest tree version, then newest mtime, then first in CPG order.
/// </summary>
internal static class LeaderSelection
{
    public static CpgMember Select(IReadOnlyList<CpgMember> members, IReadOnlyDictionary<CpgMember, TreeIndex> states)
    {
        var leader = members[0];
        var best = states[leader];
        foreach (var member in members.Skip(1))
        {
            var state = states[member];
            if (state.Version > best.Version || state.Version == best.Version && state.MTime > best.MTime)
            {
                leader = member;
                best = state;
            }
        }

        return leader;
    }
}
