using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Interop.Fuse3;
using PveCluster.Cfs.Interop.Libc;
using PveCluster.Core.Text;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// One mounted instance of the file system: <c>fuse_new</c> + <c>fuse_mount</c>, the multi-threaded
/// loop on a dedicated thread, and an orderly stop (exit flag, lazy unmount so every blocked worker
/// wakes up with ENODEV, join, <c>fuse_destroy</c>).
/// </summary>
internal sealed unsafe class FuseMount : IDisposable
{
    /// <summary>
    /// Mount options as pmxcfs uses them: the kernel checks the fixed modes (default_permissions),
    /// and the API daemons running as www-data may use the mount (allow_other).
    /// </summary>
    private static readonly string[] Arguments = ["pmxcfs", "-o", "default_permissions,allow_other"];

    private const string FuseControlDirectory = "/sys/fs/fuse/connections";

    private static readonly TimeSpan UnmountGracePeriod = TimeSpan.FromSeconds(3);

    private readonly ILogger _logger;
    private readonly FuseHandle _fuse;
    private readonly GCHandle _self;
    private readonly Thread _loop;
    private readonly MountInfo? _mount;
    private int _stopped;

    private FuseMount(string mountPoint, FuseHandle fuse, GCHandle self, ILogger logger)
    {
        MountPoint = mountPoint;
        _fuse = fuse;
        _self = self;
        _logger = logger;
        _mount = MountInfoFile.Find(mountPoint);
        _loop = new Thread(RunLoop) { Name = "fuse-loop", IsBackground = true };
        _loop.Start();
    }

    public string MountPoint { get; }

    /// <summary>Completes when the loop has returned (after <see cref="Dispose"/> or an external unmount).</summary>
    public Task Completion => _completion.Task;

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static FuseMount Mount(string mountPoint, CfsFileSystem fileSystem, ILogger logger)
    {
        var self = GCHandle.Alloc(new MountedFileSystem(fileSystem, logger));
        var fuse = CreateFuse(GCHandle.ToIntPtr(self));
        if (fuse.IsInvalid)
        {
            self.Free();
            throw new InvalidOperationException("fuse_new failed (libfuse printed the reason to stderr)");
        }

        if (Fuse3.fuse_mount(fuse.DangerousGetHandle(), mountPoint) != 0)
        {
            fuse.Dispose();
            self.Free();
            throw new IOException($"cannot mount the file system at {mountPoint} (is /dev/fuse available and the directory present?)");
        }

        return new FuseMount(mountPoint, fuse, self, logger);
    }

    /// <summary>Stops the loop, unmounts and frees libfuse. Blocks until the loop thread has returned.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        Fuse3.fuse_exit(_fuse.DangerousGetHandle());
        Fuse3.fuse_unmount(_fuse.DangerousGetHandle());
        if (!_loop.Join(UnmountGracePeriod))
        {
            // Someone still holds the detached mount open, so the kernel keeps the connection alive.
            AbortConnection();
            if (!_loop.Join(UnmountGracePeriod))
            {
                // Freeing libfuse under running workers would crash; leaking it is the lesser evil.
                _logger.LogError("the FUSE loop for {MountPoint} did not stop; leaking its resources", MountPoint);
                return;
            }
        }

        _fuse.Dispose();
        _self.Free();
    }

    private static FuseHandle CreateFuse(nint privateData)
    {
        var encoded = Arguments.Select(a => Encoding.UTF8.GetBytes(a + "\0")).ToArray();
        var pins = encoded.Select(b => GCHandle.Alloc(b, GCHandleType.Pinned)).ToArray();
        try
        {
            var argv = stackalloc byte*[encoded.Length + 1];
            for (var i = 0; i < pins.Length; i++)
                argv[i] = (byte*)pins[i].AddrOfPinnedObject();
            argv[encoded.Length] = null;
            var args = new FuseArgs { argc = encoded.Length, argv = argv, allocated = 0 };
            var operations = FuseCallbacks.CreateOperations();
            // fuse_new copies both the operations and the options it parses out of args.
            var fuse = Fuse3.fuse_new(&args, &operations, (nuint)sizeof(FuseOperations), privateData);
            return new FuseHandle(fuse);
        }
        finally
        {
            foreach (var pin in pins)
                pin.Free();
        }
    }

    private void RunLoop()
    {
        var config = Fuse3.fuse_loop_cfg_create();
        try
        {
            var result = Fuse3.fuse_loop_mt(_fuse.DangerousGetHandle(), config);
            if (result != 0 && Volatile.Read(ref _stopped) == 0)
                _logger.LogError("FUSE loop for {MountPoint} ended with {Result}", MountPoint, result);
        }
        finally
        {
            Fuse3.fuse_loop_cfg_destroy(config);
            _completion.TrySetResult();
        }
    }

    /// <summary>
    /// Aborts the kernel side of the connection through fusectl, which fails every pending and
    /// future request with ENOTCONN and wakes the workers. Mounts fusectl first if needed.
    /// </summary>
    private void AbortConnection()
    {
        if (_mount is null)
            return;
        var directory = $"{FuseControlDirectory}/{_mount.Minor.ToString(CultureInfo.InvariantCulture)}";
        _logger.LogWarning("{MountPoint} is still in use; aborting FUSE connection {Connection}", MountPoint, directory);
        try
        {
            if (!Directory.Exists(directory)
                && LibcMount.mount("fusectl", FuseControlDirectory, "fusectl", 0, 0) != 0)
                _logger.LogError("cannot mount fusectl at {Directory}: errno {Errno}", FuseControlDirectory, Marshal.GetLastPInvokeError());
            File.WriteAllText($"{directory}/abort", "1");
        }
        catch (IOException e)
        {
            _logger.LogError(e, "cannot abort the FUSE connection");
        }
        catch (UnauthorizedAccessException e)
        {
            _logger.LogError(e, "cannot abort the FUSE connection");
        }
    }

    /// <summary>
    /// Lazily unmounts a FUSE mount left behind by a crashed instance ("Transport endpoint is not
    /// connected"). Returns true when there was one.
    /// </summary>
    public static bool UnmountStale(string mountPoint, ILogger logger)
    {
        var stale = MountInfoFile.Find(mountPoint);
        if (stale is null || !stale.FileSystemType.StartsWith("fuse", StringComparison.Ordinal))
            return false;
        logger.LogWarning("unmounting a stale {Type} mount at {MountPoint}", stale.FileSystemType, mountPoint);
        if (LibcMount.umount2(mountPoint, LibcMount.MNT_DETACH) != 0)
            throw new IOException($"cannot unmount the stale mount at {mountPoint}: errno {Marshal.GetLastPInvokeError()}");
        return true;
    }
}
