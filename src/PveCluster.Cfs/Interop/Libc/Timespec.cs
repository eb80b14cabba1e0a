using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Libc;

/// <summary><c>struct timespec</c> (x86-64: two 64-bit fields, 16 bytes).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    /// <summary>utimensat(2): set the time to "now".</summary>
    public const long UTIME_NOW = (1L << 30) - 1;

    /// <summary>utimensat(2): leave the time unchanged.</summary>
    public const long UTIME_OMIT = (1L << 30) - 2;

    public long tv_sec;
    public long tv_nsec;
}
