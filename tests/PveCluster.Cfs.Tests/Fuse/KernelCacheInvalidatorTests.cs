using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>The invalidation thread against the real tree, with the kernel calls recorded instead of made.</summary>
public sealed class KernelCacheInvalidatorTests : IDisposable
{
    private readonly GatedConfigTree _tree = new();
    private readonly ConcurrentQueue<(string Target, int ThreadId)> _invalidated = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task Every_changed_path_and_its_directory_are_invalidated_on_the_dedicated_thread()
    {
        _tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 512\n");
        using var invalidator = Start(capacity: 1024);

        _tree.Seed("/nodes/n1/qemu-server/101.conf", "memory: 1024\n");
        Assert.Equal(CfsError.None, await _tree.RenameAsync("/nodes/n1/qemu-server/100.conf", "/nodes/n1/qemu-server/102.conf", default));
        Assert.Equal(CfsError.None, await _tree.DeleteAsync("/nodes/n1/qemu-server/101.conf", default));

        string[] expected =
        [
            "inode /nodes/n1/qemu-server", "inode /nodes/n1/qemu-server/100.conf", "inode /nodes/n1/qemu-server/101.conf",
            "inode /nodes/n1/qemu-server/102.conf", "entry /nodes/n1/qemu-server 100.conf", "entry /nodes/n1/qemu-server 101.conf",
            "entry /nodes/n1/qemu-server 102.conf",
        ];
        await Eventually.HoldsAsync(() => expected.All(Invalidated().Contains), "every changed path and its directory to be invalidated");
        Assert.All(_invalidated, entry => Assert.NotEqual(Environment.CurrentManagedThreadId, entry.ThreadId));
        Assert.Single(_invalidated.Select(e => e.ThreadId).Distinct());
    }

    [Fact]
    public async Task An_overflowing_queue_invalidates_every_path_of_the_tree()
    {
        _tree.Seed("/keep/a.cfg", "a");
        _tree.Seed("/keep/b.cfg", "b");
        var blocked = new ManualResetEventSlim(false);
        using var invalidator = Start(capacity: 2, blockFirst: blocked);

        // The thread is held in its first invalidation while more distinct paths arrive than fit.
        _tree.Seed("/x.cfg", "x");
        await Eventually.HoldsAsync(() => !_invalidated.IsEmpty, "the first invalidation to start");
        foreach (var name in new[] { "/y.cfg", "/z.cfg", "/w.cfg" })
            _tree.Seed(name, "new");
        blocked.Set();

        string[] everyPath =
        [
            "inode /", "inode /keep", "inode /keep/a.cfg", "inode /keep/b.cfg", "inode /x.cfg", "inode /y.cfg", "inode /z.cfg", "inode /w.cfg",
            "entry / keep", "entry /keep a.cfg", "entry /keep b.cfg", "entry / w.cfg",
        ];
        await Eventually.HoldsAsync(() => everyPath.All(Invalidated().Contains), "the whole tree to be invalidated after the overflow");
    }

    [Fact]
    public void After_stopping_no_change_is_invalidated_any_more()
    {
        var invalidator = Start(capacity: 16);
        Assert.True(invalidator.Stop(TimeSpan.FromSeconds(10)));
        invalidator.Dispose();

        _tree.Seed("/late.cfg", "late");

        Assert.DoesNotContain(Invalidated(), target => target.Contains("late", StringComparison.Ordinal));
    }

    private HashSet<string> Invalidated() => [.. _invalidated.Select(e => e.Target)];

    private KernelCacheInvalidator Start(int capacity, ManualResetEventSlim? blockFirst = null) =>
        new(_tree, new RecordingKernelCache(_invalidated, blockFirst), NullLogger.Instance, capacity);

    private sealed class RecordingKernelCache(ConcurrentQueue<(string Target, int ThreadId)> record, ManualResetEventSlim? blockFirst) : IKernelCache
    {
        public int InvalidateInode(string path) => Record("inode " + path);

        public int InvalidateEntry(string directory, string name) => Record($"entry {directory} {name}");

        private int Record(string target)
        {
            record.Enqueue((target, Environment.CurrentManagedThreadId));
            blockFirst?.Wait(TimeSpan.FromSeconds(30));
            return 0;
        }
    }
}
