using PveCluster.Api.Cluster;

namespace PveCluster.Api.Join;

/// <summary>Quorum and online members as pmxcfs reports them in .members (what Proxmox's check_cfs_quorum reads).</summary>
public static class ClusterQuorum
{
    /// <summary>Missing .members or no cluster section means no quorum: changes are refused rather than risked.</summary>
    public static bool IsQuorate(MembersReader members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return members.TryRead()?.Cluster?.Quorate == 1;
    }

    public static IReadOnlyCollection<uint> OnlineNodeIds(MembersReader members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return
        [
            .. (members.TryRead()?.Nodes ?? []).Values
                .Where(n => n.Online == 1 && n.Id is > 0 and <= uint.MaxValue)
                .Select(n => (uint)n.Id),
        ];
    }
}
