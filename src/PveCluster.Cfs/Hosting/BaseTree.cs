using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Hosting;

/// <summary>The directories every node expects to exist (pmxcfs creates them at start).</summary>
internal static class BaseTree
{
    public static IReadOnlyList<string> DirectoriesFor(string nodeName) =>
    [
        "/nodes",
        $"/nodes/{nodeName}",
        $"/nodes/{nodeName}/qemu-server",
        $"/nodes/{nodeName}/lxc",
        $"/nodes/{nodeName}/priv",
        "/priv",
    ];

    /// <summary>
    /// Creates the missing directories. Returns the first real failure, or None once all exist
    /// (an "already exists" from a concurrent creator on another node counts as success).
    /// </summary>
    public static async Task<CfsError> EnsureAsync(IConfigTree tree, string nodeName, long mtime, CancellationToken cancellationToken)
    {
        foreach (var directory in DirectoriesFor(nodeName))
        {
            var existing = tree.GetEntry(directory);
            if (existing is not null)
            {
                if (existing.Kind != EntryKind.Directory)
                    return CfsError.NotDirectory;
                continue;
            }

            var result = await tree.MakeDirectoryAsync(directory, mtime, cancellationToken).ConfigureAwait(false);
            if (result is not (CfsError.None or CfsError.Exists))
                return result;
        }

        return CfsError.None;
    }
}
