using PveCluster.Lifecycle.Locking;

namespace PveCluster.Lifecycle.Tests;

/// <summary>The mkdir lock on a local folder standing in for /etc/pve/priv/lock (pmxcfs makes mkdir cluster-wide; tested there).</summary>
public sealed class ClusterLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cluster-lock-").FullName;
    private readonly List<string> _progress = [];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string LockDirectory => Path.Combine(_root, "priv", "lock");

    private string LockPath => Path.Combine(LockDirectory, ClusterLock.CorosyncConf);

    private ClusterLockRequest Request(string node, TimeSpan? timeout = null) => new(
        LockDirectory, ClusterLock.CorosyncConf, "cluster config", node, timeout ?? TimeSpan.FromMilliseconds(200),
        TimeSpan.FromMilliseconds(10), TimeProvider.System, line => { lock (_progress) { _progress.Add(line); } });

    [Fact]
    public async Task A_taken_lock_refuses_the_second_taker_after_the_timeout_naming_the_holder()
    {
        using var first = await ClusterLock.AcquireAsync(Request("n1"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ClusterLockedException>(() => ClusterLock.AcquireAsync(Request("n2"), CancellationToken.None));

        Assert.StartsWith($"cluster config is locked by n1 (pid {Environment.ProcessId}) (since ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was changed", refused.Message, StringComparison.Ordinal);
        Assert.Contains(_progress, line => line.Contains("waiting for the cluster lock 'file-corosync_conf' held by n1", StringComparison.Ordinal));
        first.EnsureHeld();
    }

    [Fact]
    public async Task Releasing_removes_the_lock_so_the_next_taker_gets_it_at_once()
    {
        using (await ClusterLock.AcquireAsync(Request("n1"), CancellationToken.None))
        {
            Assert.True(Directory.Exists(LockPath));
        }

        Assert.False(Directory.Exists(LockPath));
        using var second = await ClusterLock.AcquireAsync(Request("n2", TimeSpan.Zero), CancellationToken.None);
        Assert.Contains("node=n2", File.ReadAllText(Path.Combine(LockPath, ClusterLockHolder.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_release_that_fails_is_retried_in_the_background_until_the_lock_is_gone()
    {
        var held = await ClusterLock.AcquireAsync(Request("n1"), CancellationToken.None);
        // Stands in for /etc/pve turning read-only under the holder (the edit raised the expected votes): rmdir fails.
        var blocker = Path.Combine(LockPath, "blocker");
        File.WriteAllText(blocker, "");

        held.Dispose();

        Assert.Contains(_progress, line => line.StartsWith($"warning: cannot release the cluster lock {LockPath} yet", StringComparison.Ordinal));
        Assert.True(Directory.Exists(LockPath));
        File.Delete(blocker);
        await WaitUntilAsync(() => !Directory.Exists(LockPath));
        using var next = await ClusterLock.AcquireAsync(Request("n2", TimeSpan.Zero), CancellationToken.None);
        next.EnsureHeld();
    }

    [Fact]
    public async Task A_waiting_taker_gets_the_lock_when_the_holder_releases_it()
    {
        var first = await ClusterLock.AcquireAsync(Request("n1"), CancellationToken.None);
        var waiting = ClusterLock.AcquireAsync(Request("n2", TimeSpan.FromSeconds(30)), CancellationToken.None);
        await WaitUntilAsync(() => _progress.Count > 0);
        Assert.False(waiting.IsCompleted);

        first.Dispose();

        using var second = await waiting;
        second.EnsureHeld();
    }

    [Fact]
    public async Task Takers_at_the_same_moment_hold_the_lock_one_at_a_time()
    {
        var inside = 0;
        var most = 0;
        var takers = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            using var held = await ClusterLock.AcquireAsync(Request($"n{i}", TimeSpan.FromSeconds(30)), CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Delay(5);
            Interlocked.Decrement(ref inside);
        }));

        await Task.WhenAll(takers);

        Assert.Equal(1, most);
        Assert.False(Directory.Exists(LockPath));
    }

    [Fact]
    public async Task A_lock_older_than_its_lifetime_is_taken_over_and_its_holder_can_no_longer_write()
    {
        var dead = await ClusterLock.AcquireAsync(Request("n1"), CancellationToken.None);
        Directory.SetLastWriteTimeUtc(LockPath, DateTime.UtcNow - ClusterLock.Lifetime - TimeSpan.FromSeconds(5));

        using var taker = await ClusterLock.AcquireAsync(Request("n2"), CancellationToken.None);

        Assert.Contains(_progress, line => line.StartsWith($"removed the stale cluster lock {LockPath} of n1", StringComparison.Ordinal));
        var lost = Assert.Throws<LifecycleException>(dead.EnsureHeld);
        Assert.Contains("lost the cluster lock", lost.Message, StringComparison.Ordinal);
        dead.Dispose();
        taker.EnsureHeld();
        Assert.DoesNotContain(Directory.EnumerateDirectories(LockDirectory), d => d != LockPath);
    }

    [Fact]
    public async Task A_young_lock_of_an_unknown_holder_is_waited_for_not_taken_over()
    {
        Directory.CreateDirectory(LockPath);

        var refused = await Assert.ThrowsAsync<ClusterLockedException>(() => ClusterLock.AcquireAsync(Request("n2"), CancellationToken.None));

        Assert.StartsWith("cluster config is locked by an unknown holder (since ", refused.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(LockPath));
    }

    [Fact]
    public void The_owner_file_round_trips_and_foreign_text_is_no_holder()
    {
        var holder = new ClusterLockHolder("pve1", 4242, "abc");

        Assert.Equal(holder, ClusterLockHolder.Parse(holder.Format()));
        Assert.Null(ClusterLockHolder.Parse("garbage"));
        Assert.Null(ClusterLockHolder.Parse(null));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
