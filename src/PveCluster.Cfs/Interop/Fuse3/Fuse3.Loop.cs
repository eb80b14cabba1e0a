using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

internal static unsafe partial class Fuse3
{
    /// <summary>
    /// <c>fuse_loop_mt</c>: the default symbol is the FUSE_3.12 variant, which takes the opaque
    /// <c>struct fuse_loop_config*</c> from <see cref="fuse_loop_cfg_create"/> (or NULL for defaults),
    /// not the old v1 struct. Blocks until the session exits; callbacks run on libfuse's own threads.
    /// Returns 0, or a negative errno / positive signal number on failure.
    /// </summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial int fuse_loop_mt(nint f, nint config);

    /// <summary>Allocates a loop configuration (FUSE_3.12). Free with <see cref="fuse_loop_cfg_destroy"/>.</summary>
    [LibraryImport(Libraries.Fuse3)]
    public static partial nint fuse_loop_cfg_create();

    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_loop_cfg_destroy(nint config);

    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_loop_cfg_set_max_threads(nint config, uint value);

    [LibraryImport(Libraries.Fuse3)]
    public static partial void fuse_loop_cfg_set_idle_threads(nint config, uint value);
}
