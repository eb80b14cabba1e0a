namespace PveCluster.Cfs.Replication;

/// <summary>
/// Identifies one sync round: the member that started it and that member's count of
/// configuration changes. Messages of any other round are stale and discarded.
/// </summary>
internal readonly record struct SyncEpoch(uint NodeId, uint Pid, ulong Counter)
{
    public override string ToString() => $"{NodeId}/{Pid}#{Counter}";
}
