using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

internal static unsafe partial class Fuse3
{
    /// <summary>
    /// <c>fuse_invalidate_path</c> (FUSE_3.1): drops the kernel's cached attributes and pages of the
    /// inode libfuse holds for <paramref name="path"/> (a NUL-terminated UTF-8 path from the mount's
    /// root). Returns -ENOENT when libfuse has no inode for the path (nothing is cached), 0 or another
    /// -errno from the kernel otherwise. May block until pages under I/O are released, so it must not
    /// run on a thread a pending FUSE request could be waiting for.
    /// </summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial int fuse_invalidate_path(nint f, byte* path);
}
