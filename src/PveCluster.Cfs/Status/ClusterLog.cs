namespace PveCluster.Cfs.Status;

/// <summary>
/// The most recent cluster log entries, kept in memory (bounded; the oldest entries fall out),
/// ordered by time and then by <see cref="ClusterLogEntryOrder"/>. Entries added here raise
/// <see cref="EntryAdded"/> so a replicator can spread them; entries from other nodes come in
/// through <see cref="Insert"/>, which ignores entries it already holds.
/// </summary>
public sealed class ClusterLog(string nodeName, TimeProvider clock, int capacity = 4096)
{
    public const int Info = 6;
    public const int Warning = 4;
    public const int Error = 3;

    private readonly Lock _lock = new();
    private readonly SortedSet<ClusterLogEntry> _entries = new(ClusterLogEntryOrder.Instance);
    private ulong _nextUid = 1;

    /// <summary>Raised after a local <see cref="Add"/>, outside the log's lock.</summary>
    public event EventHandler<ClusterLogEntry>? EntryAdded;

    public ClusterLogEntry Add(int priority, string tag, string user, string message)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(priority);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priority, 7);
        ClusterLogEntry entry;
        lock (_lock)
        {
            entry = new ClusterLogEntry(
                _nextUid++, clock.GetUtcNow().ToUnixTimeSeconds(), priority, tag, Environment.ProcessId, nodeName, user, message);
            InsertLocked(entry);
        }

        EntryAdded?.Invoke(this, entry);
        return entry;
    }

    /// <summary>Adds an entry made elsewhere; false when an entry with the same identity is already held.</summary>
    public bool Insert(ClusterLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
            return InsertLocked(entry);
    }

    /// <summary>Up to <paramref name="max"/> entries, newest first.</summary>
    public IReadOnlyList<ClusterLogEntry> Recent(int max)
    {
        lock (_lock)
            return [.. _entries.Reverse().Take(max)];
    }

    private bool InsertLocked(ClusterLogEntry entry)
    {
        if (!_entries.Add(entry))
            return false;
        while (_entries.Count > capacity)
            _entries.Remove(_entries.Min!);
        return true;
    }
}
