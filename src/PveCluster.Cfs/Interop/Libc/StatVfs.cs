using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

/// <summary><c>struct statvfs</c> for x86-64 glibc: 112 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct StatVfs
{
    public ulong f_bsize;
    public ulong f_frsize;
    public ulong f_blocks;
    public ulong f_bfree;
    public ulong f_bavail;
    public ulong f_files;
    public ulong f_ffree;
    public ulong f_favail;
    public ulong f_fsid;
    public ulong f_flag;
    public ulong f_namemax;
    private fixed int _spare[6];
}
