using System.Runtime.InteropServices;

namespace PveCluster.Cfs.Interop.Fuse3;

/// <summary><c>struct fuse_file_info</c> (libfuse 3.14, 40 bytes). The C bitfields share the word at offset 4.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FuseFileInfo
{
    public const uint DirectIoBit = 0x2;
    public const uint KeepCacheBit = 0x4;
    public const uint NonSeekableBit = 0x10;

    public int flags;
    public uint bits;
    private uint _padding2;
    public ulong fh;
    public ulong lock_owner;
    public uint poll_events;

    /// <summary>Bypass the page cache: generated files change size without the kernel noticing.</summary>
    public bool DirectIo
    {
        readonly get => (bits & DirectIoBit) != 0;
        set => bits = value ? bits | DirectIoBit : bits & ~DirectIoBit;
    }

    public bool KeepCache
    {
        readonly get => (bits & KeepCacheBit) != 0;
        set => bits = value ? bits | KeepCacheBit : bits & ~KeepCacheBit;
    }
}
