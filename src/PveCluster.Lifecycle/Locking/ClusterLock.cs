using System.Globalization;
using System.Runtime.InteropServices;
using PveCluster.Lifecycle.Interop;

namespace PveCluster.Lifecycle.Locking;

/// <summary>
/// A cluster-wide lock in pmxcfs: the directory <c>/etc/pve/priv/lock/&lt;name&gt;</c>. pmxcfs orders every mkdir
/// across the cluster, so exactly one node's mkdir succeeds while the lock is free; the others retry until their
/// timeout (Proxmox's <c>cfs_lock</c>: 10 s by default, one try per second). A lock whose directory is older than
/// <see cref="Lifetime"/> belongs to a holder that died and is taken over, as pmxcfs expires Proxmox locks after
/// 120 s; a holder must therefore finish its edit well within that time (Proxmox gives the locked code 60 s).
/// </summary>
public sealed class ClusterLock : IDisposable
{
    /// <summary>The lock of /etc/pve/corosync.conf, named like Proxmox's <c>cfs_lock_file('corosync.conf')</c>.</summary>
    public const string CorosyncConf = "file-corosync_conf";

    private const uint DirectoryMode = 0b111_000_000;

    private readonly string _path;
    private readonly ClusterLockHolder _holder;
    private readonly Action<string> _progress;
    private int _released;

    private ClusterLock(string path, ClusterLockHolder holder, Action<string> progress)
    {
        _path = path;
        _holder = holder;
        _progress = progress;
    }

    public static TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(120);

    /// <summary>How often a release that failed (no quorum yet) is tried again.</summary>
    public static TimeSpan ReleaseRetryInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>Takes the lock, waiting at most <see cref="ClusterLockRequest.Timeout"/> for its holder.</summary>
    /// <exception cref="ClusterLockedException">Another holder kept it for the whole wait.</exception>
    /// <exception cref="LifecycleException">The lock folder cannot be written (pmxcfs down or not quorate).</exception>
    public static async Task<ClusterLock> AcquireAsync(ClusterLockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(request.LockDirectory, request.Name);
        CreateLockDirectory(request.LockDirectory);
        var deadline = request.Time.GetUtcNow() + request.Timeout;
        var announced = false;
        while (true)
        {
            if (TryCreate(path))
            {
                return Own(path, request);
            }

            if (ClusterLockState.Read(path) is not { } state)
            {
                continue; // released between our mkdir and our look
            }

            var now = request.Time.GetUtcNow();
            if (now - state.Since > Lifetime && TryTakeOver(path, state, request.Progress))
            {
                continue;
            }

            if (now >= deadline)
            {
                throw new ClusterLockedException(
                    $"{request.Purpose} is locked by {state.Describe()}; nothing was changed, try again later");
            }

            if (!announced)
            {
                request.Progress($"waiting for the cluster lock '{request.Name}' held by {state.Describe()}");
                announced = true;
            }

            await Task.Delay(request.RetryInterval, request.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Call right before the locked write: a holder that overran <see cref="Lifetime"/> may have been taken over.</summary>
    /// <exception cref="LifecycleException">The lock is no longer ours; nothing may be written.</exception>
    public void EnsureHeld()
    {
        if (ClusterLockState.Read(_path)?.Holder?.Token != _holder.Token)
        {
            throw new LifecycleException(
                $"lost the cluster lock {_path} (held longer than {Lifetime.TotalSeconds:0} s and taken over); nothing was changed");
        }
    }

    /// <summary>Removes the lock unless someone took it over; a failure only delays others until the lock expires.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 1 || ClusterLockState.Read(_path)?.Holder?.Token != _holder.Token)
        {
            return;
        }

        if (TryRelease(out var problem))
        {
            return;
        }

        // The usual cause is the locked edit itself: a corosync.conf that adds a node raises the expected votes, so
        // this node has no quorum (and /etc/pve is read-only) until the new node joins — which needs our answer first.
        // Keep trying in the background instead of leaving the lock to expire, so the next join need not wait.
        _progress($"warning: cannot release the cluster lock {_path} yet ({problem}); retrying until it expires after {Lifetime.TotalSeconds:0} s");
        _ = Task.Run(ReleaseInBackgroundAsync);
    }

    private async Task ReleaseInBackgroundAsync()
    {
        var until = DateTime.UtcNow + Lifetime;
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(ReleaseRetryInterval).ConfigureAwait(false);
            if (ClusterLockState.Read(_path) is { } state && state.Holder is { } holder && holder.Token != _holder.Token)
            {
                return; // taken over after all
            }

            if (TryRelease(out _))
            {
                _progress($"released the cluster lock {_path}");
                return;
            }
        }
    }

    /// <summary>Removes our owner file and the lock directory; true once the lock is gone (also when it already was).</summary>
    private bool TryRelease(out string problem)
    {
        problem = "";
        try
        {
            File.Delete(Path.Combine(_path, ClusterLockHolder.FileName));
            Directory.Delete(_path);
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = ex.Message;
            return false;
        }
    }

    private static void CreateLockDirectory(string lockDirectory)
    {
        try
        {
            Directory.CreateDirectory(lockDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LifecycleException($"cannot create the lock folder {lockDirectory}: {ex.Message} (is pmxcfs running and quorate?)", ex);
        }
    }

    private static bool TryCreate(string path)
    {
        if (Libc.Mkdir(path, DirectoryMode) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Libc.EEXIST
            ? false
            : throw new LifecycleException(
                $"cannot take the cluster lock {path}: {Marshal.GetPInvokeErrorMessage(errno)} (is pmxcfs running and quorate?)");
    }

    private static ClusterLock Own(string path, ClusterLockRequest request)
    {
        var holder = new ClusterLockHolder(request.Node, Environment.ProcessId, Guid.NewGuid().ToString("N"));
        try
        {
            File.WriteAllText(Path.Combine(path, ClusterLockHolder.FileName), holder.Format());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Directory.Delete(path, recursive: true);
            throw new LifecycleException($"cannot write the cluster lock {path}: {ex.Message}", ex);
        }

        return new ClusterLock(path, holder, request.Progress);
    }

    /// <summary>
    /// Moves the stale lock aside under a name of our own (pmxcfs orders renames, so one taker wins), then checks
    /// that what moved is the lock judged stale: a taker that was overtaken moved a fresh lock and puts it back.
    /// </summary>
    private static bool TryTakeOver(string path, ClusterLockState stale, Action<string> progress)
    {
        var aside = $"{path}.stale-{Guid.NewGuid():N}";
        try
        {
            Directory.Move(path, aside);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        if (ClusterLockState.Read(aside)?.Holder?.Token != stale.Holder?.Token)
        {
            TryMoveBack(aside, path);
            return false;
        }

        Directory.Delete(aside, recursive: true);
        progress(string.Create(
            CultureInfo.InvariantCulture,
            $"removed the stale cluster lock {path} of {stale.Describe()}: older than {Lifetime.TotalSeconds:0} s"));
        return true;
    }

    private static void TryMoveBack(string aside, string path)
    {
        try
        {
            Directory.Move(aside, path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A third node holds the lock by now; the moved one's holder finds its lock gone in EnsureHeld.
        }
    }
}
