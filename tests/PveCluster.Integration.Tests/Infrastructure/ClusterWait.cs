using PveCluster.Lab;
using PveCluster.Lab.Quorum;

namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>Polls corosync-quorumtool on lab nodes until the cluster reaches an expected shape.</summary>
public static class ClusterWait
{
    /// <summary>Generous: a change takes about 3.7 s (token 1000) and a rejoin 2-4 s.</summary>
    public static readonly TimeSpan ChangeTimeout = TimeSpan.FromSeconds(40);

    /// <summary>Waits until every node in <paramref name="nodes"/> sees <paramref name="members"/> members and the given quorate state.</summary>
    public static Task<IReadOnlyList<QuorumToolStatus?>> ForMembershipAsync(
        LabCluster lab, IEnumerable<int> nodes, int members, bool quorate, CancellationToken cancellationToken = default)
    {
        var list = nodes.ToList();
        return Polling.UntilAsync(
            ct => ViewsAsync(lab, list, ct),
            views => views.All(v => v is not null && v.NodeCount == members && v.Members.Count == members && v.Quorate == quorate),
            ChangeTimeout,
            $"nodes {string.Join(",", list)} to see {members} members, quorate={quorate}",
            cancellationToken);
    }

    public static async Task<IReadOnlyList<QuorumToolStatus?>> ViewsAsync(LabCluster lab, IEnumerable<int> nodes, CancellationToken cancellationToken)
    {
        var views = new List<QuorumToolStatus?>();
        foreach (var node in nodes)
        {
            views.Add(await lab.QuorumStatusAsync(node, cancellationToken));
        }
        return views;
    }

    /// <summary>Every node quorate with all members: the state each test starts from and restores.</summary>
    public static Task<IReadOnlyList<QuorumToolStatus?>> ForWholeClusterAsync(LabCluster lab, CancellationToken cancellationToken = default) =>
        ForMembershipAsync(lab, lab.Nodes, lab.NodeCount, quorate: true, cancellationToken);
}
