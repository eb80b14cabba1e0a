namespace PveCluster.Cfs.Fuse;

/// <summary>open(2) flag bits as the kernel passes them in <c>fuse_file_info.flags</c> (x86-64 values).</summary>
internal static class OpenFlags
{
    public const int O_ACCMODE = 0x3;
    public const int O_RDONLY = 0x0;
    public const int O_WRONLY = 0x1;
    public const int O_RDWR = 0x2;
    public const int O_TRUNC = 0x200;

    public static bool WantsWrite(int flags) => (flags & O_ACCMODE) != O_RDONLY;
}
