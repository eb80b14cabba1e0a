using System.Runtime.InteropServices;

namespace PveCluster.Corosync.Interop.Libc;

/// <summary>The few libc calls the dispatch loop and corosync's malloc'ed results need.</summary>
internal static unsafe partial class Libc
{
    public const short POLLIN = 0x001;
    public const short POLLERR = 0x008;
    public const short POLLHUP = 0x010;
    public const short POLLNVAL = 0x020;
    public const int EINTR = 4;
    public const int EFD_CLOEXEC = 0x80000;
    public const int EFD_NONBLOCK = 0x800;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short REvents;
    }

    /// <summary>Frees memory corosync allocated for us (cmap_get_string results).</summary>
    [LibraryImport(Libraries.Libc)]
    public static partial void free(void* ptr);

    /// <summary>Blocks up to <paramref name="timeout"/> ms; returns -1 with errno set on failure (EINTR is retried by the caller).</summary>
    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial int poll(PollFd* fds, nuint nfds, int timeout);

    /// <summary>Creates the wake-up fd that lets Dispose interrupt a blocked poll.</summary>
    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial int eventfd(uint initval, int flags);

    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial nint read(int fd, void* buf, nuint count);

    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial nint write(int fd, void* buf, nuint count);

    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial int close(int fd);
}
