using System.Runtime.InteropServices;

namespace PveCluster.Lab.Interop.Libc;

/// <summary>The few libc calls the packet holder's event loop needs.</summary>
internal static partial class Libc
{
    public const short POLLIN = 0x1;
    public const int MSG_DONTWAIT = 0x40;
    public const int EINTR = 4;

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    /// <summary>Waits up to <paramref name="timeout"/> ms; -1 with errno on failure (EINTR on signals).</summary>
    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial int poll(ref PollFd fds, nuint nfds, int timeout);

    /// <summary>Returns bytes read, or -1 with errno (EAGAIN when nothing is queued with MSG_DONTWAIT).</summary>
    [LibraryImport(Libraries.Libc, SetLastError = true)]
    public static partial nint recv(int sockfd, byte[] buf, nuint len, int flags);
}
