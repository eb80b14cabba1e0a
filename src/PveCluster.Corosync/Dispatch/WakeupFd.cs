using PveCluster.Corosync.Interop.Libc;

namespace PveCluster.Corosync.Dispatch;

/// <summary>An eventfd that lets another thread interrupt the dispatch thread's poll() promptly.</summary>
internal sealed unsafe class WakeupFd : IDisposable
{
    private int _fd;

    public WakeupFd()
    {
        _fd = Libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
        if (_fd < 0)
        {
            throw new IOException($"eventfd failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        }
    }

    public int Fd => _fd;

    public void Signal()
    {
        ulong one = 1;
        _ = Libc.write(_fd, &one, sizeof(ulong));
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = Libc.close(fd);
        }
    }
}
