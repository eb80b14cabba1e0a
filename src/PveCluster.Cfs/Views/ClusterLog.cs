namespace PveCluster.Cfs.Views;

/// <summary>
/// The most recent cluster log entries, kept in memory (a bounded ring; the oldest entries fall out).
/// Entries are local to this node for now: spreading them over the status CPG group is not built yet.
/// </summary>
public sealed class ClusterLog(string nodeName, TimeProvider clock, int capacity = 4096)
{
    public const int Info = 6;
    public const int Warning = 4;
    public const int Error = 3;

    private readonly Lock _lock = new();
    private readonly Queue<ClusterLogEntry> _entries = new();
    private ulong _nextUid = 1;

    public ClusterLogEntry Add(int priority, string tag, string user, string message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 7);
        lock (_lock)
        {
            var entry = new ClusterLogEntry(
                _nextUid++, clock.GetUtcNow().ToUnixTimeSeconds(), priority, tag, Environment.ProcessId, nodeName, user, message);
            _entries.Enqueue(entry);
            while (_entries.Count > capacity)
                _entries.Dequeue();
            return entry;
        }
    }

    /// <summary>Up to <paramref name="max"/> entries, newest first.</summary>
    public IReadOnlyList<ClusterLogEntry> Recent(int max)
    {
        lock (_lock)
            return [.. _entries.Reverse().Take(max)];
    }
}
