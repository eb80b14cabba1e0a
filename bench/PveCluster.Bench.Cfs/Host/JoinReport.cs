using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>
/// <c>--join</c>: <c>pvecm create</c> on n1, then <c>pvecm add</c> on each other standalone node in turn, each
/// traced line by line, with the machine's load average before and after (the figures depend on it).
/// </summary>
public sealed record JoinReport(int Nodes, string LoadBefore, string LoadAfter, StepTrace Create, IReadOnlyList<JoinSample> Joins)
{
    /// <summary>The goal for one join; there is no reference figure to compare with.</summary>
    public const double GoalSeconds = 5;
}

/// <summary>One node's <c>pvecm add</c>: the trace, and when it was a quorate member with the cluster's /etc/pve.</summary>
public sealed record JoinSample(int Node, StepTrace Trace)
{
    /// <summary>pvecm's last wait ("waiting for quorum", then for /etc/pve/corosync.conf) ends when both hold.</summary>
    public const string WaitPrefix = "waiting for ";

    public double? QuorateSyncedMs => Trace.LastLineStartingWith(WaitPrefix);
}
