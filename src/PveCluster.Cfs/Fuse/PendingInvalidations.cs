namespace PveCluster.Cfs.Fuse;

/// <summary>
/// The bounded queue between the tree's change events and the invalidation thread. Paths are
/// coalesced (a file written a hundred times before the thread runs is invalidated once). When more
/// than <see cref="Capacity"/> distinct paths wait, the queue forgets them and reports an overflow
/// instead, which the consumer answers by invalidating the whole tree: nothing is ever lost, and
/// memory stays bounded however fast changes arrive.
/// </summary>
internal sealed class PendingInvalidations(int capacity) : IDisposable
{
    private readonly Lock _lock = new();
    private HashSet<string> _paths = new(StringComparer.Ordinal);
    private bool _overflowed;
    private bool _completed;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>Set whenever something is waiting; the consumer blocks on it.</summary>
    public AutoResetEvent Available { get; } = new(false);

    /// <summary>Queues <paramref name="path"/>; never blocks on the consumer.</summary>
    public void Add(string path)
    {
        lock (_lock)
        {
            if (_completed)
                return;
            if (!_overflowed)
            {
                _paths.Add(path);
                if (_paths.Count > Capacity)
                {
                    _overflowed = true;
                    _paths.Clear();
                }
            }
        }

        Available.Set();
    }

    /// <summary>Takes everything queued so far. <paramref name="overflowed"/>: invalidate everything instead.</summary>
    public IReadOnlyCollection<string> Take(out bool overflowed)
    {
        lock (_lock)
        {
            overflowed = _overflowed;
            _overflowed = false;
            if (_paths.Count == 0)
                return [];
            var taken = _paths;
            _paths = new HashSet<string>(StringComparer.Ordinal);
            return taken;
        }
    }

    /// <summary>No more paths are accepted; wakes the consumer so it can see <see cref="IsCompleted"/>.</summary>
    public void Complete()
    {
        lock (_lock)
        {
            _completed = true;
            _paths.Clear();
            _overflowed = false;
        }

        Available.Set();
    }

    public bool IsCompleted
    {
        get
        {
            lock (_lock)
                return _completed;
        }
    }

    public void Dispose() => Available.Dispose();
}
