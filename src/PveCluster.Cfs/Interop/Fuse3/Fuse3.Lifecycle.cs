using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary>High-level libfuse3 API (fuse.h). Handles are raw <c>struct fuse*</c> pointers owned by <see cref="FuseHandle"/>.</summary>
internal static unsafe partial class Fuse3
{
    /// <summary>
    /// <c>fuse_new</c>: the default symbol version is FUSE_3.1 (= <c>fuse_new_31</c>), which takes the
    /// size of the operations table. libfuse copies the table and parses mount options from
    /// <paramref name="args"/>. Returns NULL on failure (libfuse prints the reason to stderr).
    /// </summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial nint fuse_new(FuseArgs* args, FuseOperations* op, nuint op_size, nint private_data);

    /// <summary>Mounts at <paramref name="mountpoint"/> (as root: mount(2) directly). 0 on success, -1 on failure.</summary>
    [LibraryImport(Libraries.Fuse3, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int fuse_mount(nint f, string mountpoint);

    /// <summary>Unmounts (lazily, as root) the mount made by <see cref="fuse_mount"/>. Safe to call once the mount is gone.</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_unmount(nint f);

    /// <summary>Frees the handle. Call only after the loop has returned and the file system is unmounted.</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_destroy(nint f);

    /// <summary>Flags the session as exited; the loop returns once its worker threads notice.</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_exit(nint f);

    /// <summary>The caller of the request served on the current thread. Valid only inside a callback.</summary>
    [LibraryImport(Libraries.Fuse3)]
    [SuppressGCTransition]
    public static partial FuseContext* fuse_get_context();

    /// <summary>libfuse's version as major*100+minor (314 for 3.14).</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial int fuse_version();
}
