namespace PveCluster.Cfs.Fuse;

/// <summary>The kernel's cache of one mount, as far as pmxcfs can drop parts of it. Results are 0 or -errno (-ENOENT: nothing cached).</summary>
internal interface IKernelCache
{
    int InvalidateInode(string path);

    int InvalidateEntry(string directory, string name);
}
