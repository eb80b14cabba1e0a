namespace PveCluster.Cfs.Fuse;

/// <summary>statfs numbers: the tree's size and inode limits presented as a block device.</summary>
internal readonly record struct FileSystemUsage(ulong BlockSize, ulong Blocks, ulong FreeBlocks, ulong Files, ulong FreeFiles, ulong NameMax);
