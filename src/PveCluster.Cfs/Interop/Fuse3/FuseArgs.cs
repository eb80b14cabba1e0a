using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary><c>struct fuse_args</c> (24 bytes). <c>allocated</c> = 0: the argv memory stays ours.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct FuseArgs
{
    public int argc;
    public byte** argv;
    public int allocated;
}
