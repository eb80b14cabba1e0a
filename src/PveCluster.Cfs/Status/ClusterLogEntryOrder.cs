namespace PveCluster.Cfs.Status;

/// <summary>
/// Orders cluster log entries by time, then by their identity (origin node, pid, per-process
/// sequence). Two entries that compare equal are the same entry, which is how replicas dedupe.
/// Time is part of the identity so that a restarted process reusing a pid does not collide.
/// </summary>
public sealed class ClusterLogEntryOrder : IComparer<ClusterLogEntry>
{
    public static readonly ClusterLogEntryOrder Instance = new();

    public int Compare(ClusterLogEntry? x, ClusterLogEntry? y)
    {
        if (ReferenceEquals(x, y))
            return 0;
        if (x is null)
            return -1;
        if (y is null)
            return 1;
        var byTime = x.Time.CompareTo(y.Time);
        if (byTime != 0)
            return byTime;
        var byNode = string.CompareOrdinal(x.Node, y.Node);
        if (byNode != 0)
            return byNode;
        var byPid = x.Pid.CompareTo(y.Pid);
        return byPid != 0 ? byPid : x.Uid.CompareTo(y.Uid);
    }
}
