using System.Collections.Concurrent;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// Content of generated files frozen at open, so one reader sees one consistent JSON document even
/// when it reads in several chunks. Handle 0 means "no snapshot" (a stored file, read live).
/// </summary>
internal sealed class SnapshotHandles
{
    private readonly ConcurrentDictionary<ulong, byte[]> _snapshots = new();
    private long _next;

    public ulong Add(byte[] content)
    {
        var handle = (ulong)Interlocked.Increment(ref _next);
        _snapshots[handle] = content;
        return handle;
    }

    public byte[]? Get(ulong handle) => handle != 0 && _snapshots.TryGetValue(handle, out var content) ? content : null;

    public void Remove(ulong handle) => _snapshots.TryRemove(handle, out _);

    public int Count => _snapshots.Count;
}
