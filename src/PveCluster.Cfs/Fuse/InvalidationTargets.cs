namespace PveCluster.Cfs.Fuse;

/// <summary>One thing the kernel caches: an inode's attributes and pages, or a name in a directory.</summary>
internal abstract record InvalidationTarget
{
    private InvalidationTarget()
    {
    }

    /// <summary>Attributes and pages of the inode at <paramref name="Path"/>.</summary>
    public sealed record Inode(string Path) : InvalidationTarget;

    /// <summary>The name <paramref name="Name"/> in the directory at <paramref name="Directory"/>, with the subtree below it.</summary>
    public sealed record Entry(string Directory, string Name) : InvalidationTarget;
}

/// <summary>
/// What the kernel may hold stale after a change of one tree path: the entry's inode (content,
/// size, mtime), its name in its directory (created, removed or renamed), and the directory's inode
/// (its attributes change with its entries). A rename reports both paths as changes, so both names
/// and both directories are covered.
/// </summary>
internal static class InvalidationTargets
{
    public static IEnumerable<InvalidationTarget> For(string changedPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(changedPath);
        var path = changedPath.Length > 1 ? changedPath.TrimEnd('/') : changedPath;
        yield return new InvalidationTarget.Inode(path);
        if (ParentOf(path) is not { } parent)
            yield break;
        yield return new InvalidationTarget.Entry(parent, path[(path.LastIndexOf('/') + 1)..]);
        yield return new InvalidationTarget.Inode(parent);
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
