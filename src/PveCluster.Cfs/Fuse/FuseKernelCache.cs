using System.Runtime.InteropServices;
using System.Text;
using PveCluster.Cfs.Interop.Fuse3;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// Drops parts of the kernel's cache of a mount through libfuse's notifications. Called from the
/// invalidation thread only, while the mount is alive (<see cref="FuseMount"/> stops that thread
/// before it unmounts).
/// </summary>
internal sealed unsafe class FuseKernelCache(FuseHandle fuse, string mountPoint) : IKernelCache
{
    private const ulong RootNodeId = 1;

    public int InvalidateInode(string path)
    {
        var encoded = NulTerminated(path);
        fixed (byte* pointer = encoded)
            return Fuse3.fuse_invalidate_path(fuse.DangerousGetHandle(), pointer);
    }

    public int InvalidateEntry(string directory, string name)
    {
        ulong parent;
        if (directory == "/")
        {
            parent = RootNodeId;
        }
        else
        {
            // The high-level API numbers nodes itself (use_ino is off) and reports that number as
            // st_ino, so a stat through the mount is how the directory's node id is learnt. It may
            // send lookups, which libfuse's workers answer without waiting for this thread.
            if (LibcStat.stat(mountPoint + directory, out var status) != 0)
                return -Marshal.GetLastPInvokeError();
            parent = status.st_ino;
        }

        var encoded = NulTerminated(name);
        fixed (byte* pointer = encoded)
        {
            // libfuse sends the name with its terminating NUL, hence the terminated buffer.
            return Fuse3.fuse_lowlevel_notify_inval_entry(
                Fuse3.fuse_get_session(fuse.DangerousGetHandle()), parent, pointer, (nuint)(encoded.Length - 1));
        }
    }

    private static byte[] NulTerminated(string text)
    {
        var encoded = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, encoded);
        return encoded;
    }
}
