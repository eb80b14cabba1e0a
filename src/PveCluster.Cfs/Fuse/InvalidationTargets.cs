namespace PveCluster.Cfs.Fuse;

/// <summary>
/// Which kernel-cached inodes a change of one tree path makes stale: the entry itself (content, size,
/// mtime) and its directory (entries added or removed change its attributes). A rename reports both
/// paths as changes, so both directories are covered.
/// </summary>
internal static class InvalidationTargets
{
    public static IEnumerable<string> For(string changedPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(changedPath);
        yield return changedPath;
        if (ParentOf(changedPath) is { } parent)
            yield return parent;
    }

    /// <summary>The directory holding <paramref name="path"/>; null for the root.</summary>
    public static string? ParentOf(string path)
    {
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (trimmed == "/")
            return null;
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..slash];
    }
}
