namespace PveCluster.Cfs.Tree;

/// <summary>
/// Size limits of the tree. Every node of a cluster must use the same limits, because an
/// operation over a limit fails identically everywhere only if the limits are identical.
/// </summary>
public sealed record TreeLimits(long MaxFileSize, long MaxTotalSize, int MaxInodes, int MaxNameLength)
{
    /// <summary>The limits of Proxmox pmxcfs: 1 MiB per file, 128 MiB in total, 256 Ki inodes, 255-byte names.</summary>
    public static TreeLimits Proxmox { get; } = new(1024 * 1024, 128L * 1024 * 1024, 256 * 1024, 255);
}
