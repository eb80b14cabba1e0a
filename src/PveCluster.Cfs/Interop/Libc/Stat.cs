using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

/// <summary><c>struct stat</c> for x86-64 glibc: 144 bytes (lab notes §6).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct Stat
{
    public const uint S_IFMT = 0xF000;
    public const uint S_IFDIR = 0x4000;
    public const uint S_IFREG = 0x8000;
    public const uint S_IFLNK = 0xA000;

    public ulong st_dev;
    public ulong st_ino;
    public ulong st_nlink;
    public uint st_mode;
    public uint st_uid;
    public uint st_gid;
    private int _pad0;
    public ulong st_rdev;
    public long st_size;
    public long st_blksize;
    public long st_blocks;
    public Timespec st_atim;
    public Timespec st_mtim;
    public Timespec st_ctim;
    private fixed long _reserved[3];
}
