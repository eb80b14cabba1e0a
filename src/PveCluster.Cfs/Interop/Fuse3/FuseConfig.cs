using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary>
/// <c>struct fuse_config</c> (libfuse 3.14, 128 bytes), filled in by the <c>init</c> callback. Only the
/// fields we set are named; the rest of the 128 bytes is left as libfuse initialised it.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct FuseConfig
{
    [FieldOffset(24)] public double entry_timeout;
    [FieldOffset(32)] public double negative_timeout;
    [FieldOffset(40)] public double attr_timeout;
    [FieldOffset(60)] public int hard_remove;
    [FieldOffset(64)] public int use_ino;
    [FieldOffset(72)] public int direct_io;
    [FieldOffset(76)] public int kernel_cache;
    [FieldOffset(80)] public int auto_cache;
}
