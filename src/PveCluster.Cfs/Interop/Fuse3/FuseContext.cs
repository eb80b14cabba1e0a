using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary><c>struct fuse_context</c> (40 bytes): the caller of the request being served on this thread.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseContext
{
    public nint fuse;
    public uint uid;
    public uint gid;
    public int pid;
    public nint private_data;
    public uint umask;
}
