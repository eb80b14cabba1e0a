using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// The fixed ownership and modes of the mount (pmxcfs does not store either): root:www-data,
/// directories 0750, files 0640, and everything in a priv/ directory root-only (0700 / 0600).
/// </summary>
internal sealed class FileModes(uint groupId)
{
    public const uint Directory = 0b111_101_000;        // 0750
    public const uint File = 0b110_100_000;             // 0640
    public const uint PrivateDirectory = 0b111_000_000; // 0700
    public const uint PrivateFile = 0b110_000_000;      // 0600
    public const uint Link = 0b111_111_111;             // 0777

    public const uint OwnerUid = 0;

    public uint GroupId { get; } = groupId;

    public static uint For(bool isDirectory, bool isPrivate) => (isDirectory, isPrivate) switch
    {
        (true, false) => Stat.S_IFDIR | Directory,
        (true, true) => Stat.S_IFDIR | PrivateDirectory,
        (false, false) => Stat.S_IFREG | File,
        (false, true) => Stat.S_IFREG | PrivateFile,
    };
}
