using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// Keeps the kernel's page and attribute cache of the mount coherent with the tree: every path a
/// change touches (a write from another node, a sync, a restore, or a local operation) is handed to
/// a dedicated thread that asks libfuse to invalidate the kernel's copy.
///
/// The thread exists because the kernel may wait for page locks while it invalidates: a pending
/// FUSE write holds its pages locked until the tree has applied it, so invalidating on the tree's
/// apply path, on a FUSE worker, or under the tree lock could wait for itself. Here the change is
/// already visible in memory when the event fires, so a read after the invalidation sees it.
/// </summary>
internal sealed class KernelCacheInvalidator : IDisposable
{
    /// <summary>Distinct paths waiting before the queue falls back to invalidating the whole tree.</summary>
    public const int DefaultCapacity = 16 * 1024;

    private readonly IConfigTree _tree;
    private readonly IKernelCache _kernel;
    private readonly ILogger _logger;
    private readonly PendingInvalidations _pending;
    private readonly Thread _thread;
    private int _stopped;

    /// <param name="tree">The tree whose changes are followed.</param>
    /// <param name="kernel">The kernel cache of the mount.</param>
    /// <param name="logger">Where failed invalidations are reported.</param>
    /// <param name="capacity">Distinct paths that may wait before the whole tree is invalidated instead.</param>
    public KernelCacheInvalidator(IConfigTree tree, IKernelCache kernel, ILogger logger, int capacity = DefaultCapacity)
    {
        _tree = tree;
        _kernel = kernel;
        _logger = logger;
        _pending = new PendingInvalidations(capacity);
        _thread = new Thread(Run) { Name = "fuse-invalidate", IsBackground = true };
        _tree.Changed += OnChanged;
        _thread.Start();
    }

    /// <summary>
    /// Stops accepting changes and waits for the thread. False when it did not stop within
    /// <paramref name="grace"/> (stuck in the kernel): the caller must then keep libfuse alive.
    /// </summary>
    public bool Stop(TimeSpan grace)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _tree.Changed -= OnChanged;
            _pending.Complete();
        }

        return _thread.Join(grace);
    }

    public void Dispose()
    {
        if (Stop(TimeSpan.FromSeconds(3)))
            _pending.Dispose();
    }

    private void OnChanged(object? sender, TreeChangedEventArgs e) => _pending.Add(e.Path);

    private void Run()
    {
        while (true)
        {
            _pending.Available.WaitOne();
            if (_pending.IsCompleted)
                return;
            var paths = _pending.Take(out var overflowed);
            if (overflowed)
            {
                _logger.LogInformation("more than {Capacity} changed paths queued; invalidating the kernel cache of the whole tree", _pending.Capacity);
                InvalidateTree("/");
            }

            foreach (var path in paths)
            {
                if (_pending.IsCompleted)
                    return;
                Invalidate(path);
            }
        }
    }

    private void InvalidateTree(string directory)
    {
        Invalidate(directory);
        foreach (var child in _tree.ListDirectory(directory) ?? [])
        {
            if (_pending.IsCompleted)
                return;
            var path = directory == "/" ? "/" + child.Name : directory + "/" + child.Name;
            if (child.Kind == EntryKind.Directory)
                InvalidateTree(path);
            else
                Invalidate(path);
        }
    }

    private void Invalidate(string path)
    {
        foreach (var target in InvalidationTargets.For(path))
            Invalidate(target);
    }

    private void Invalidate(InvalidationTarget target)
    {
        try
        {
            var result = target switch
            {
                InvalidationTarget.Inode inode => _kernel.InvalidateInode(inode.Path),
                InvalidationTarget.Entry entry => _kernel.InvalidateEntry(entry.Directory, entry.Name),
                _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown invalidation target"),
            };
            if (result != 0 && result != -Errno.ENOENT && _logger.IsEnabled(LogLevel.Debug))
                _logger.LogDebug("invalidating the kernel's {Target} failed with {Result}", target, result);
        }
#pragma warning disable CA1031 // the thread must outlive one failed invalidation; the next change retries
        catch (Exception e)
        {
            _logger.LogError(e, "invalidating the kernel's {Target} failed", target);
        }
#pragma warning restore CA1031
    }
}
