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

    /// <summary><c>fuse_get_session</c>: the low-level session of a high-level handle (owned by it).</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial nint fuse_get_session(nint f);

    /// <summary>
    /// <c>fuse_lowlevel_notify_inval_entry</c>: makes the kernel forget the cached name
    /// <paramref name="name"/> in the directory whose node id is <paramref name="parent"/> (and the
    /// subtree below it). The kernel takes the directory's lock, so lookups running in it finish
    /// first. 0, -ENOENT (nothing cached) or another -errno.
    /// </summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial int fuse_lowlevel_notify_inval_entry(nint se, ulong parent, byte* name, nuint namelen);
}
