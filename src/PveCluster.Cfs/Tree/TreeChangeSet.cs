namespace PveCluster.Cfs.Tree;

/// <summary>
/// The effect of one operation (or one sync): entries written and inodes removed. It is persisted
/// first and applied to memory afterwards, so a failed disk write leaves memory unchanged.
/// </summary>
internal sealed record TreeChangeSet(IReadOnlyList<EntryData> Upserted, IReadOnlyList<ulong> Removed, IReadOnlyList<string> ChangedPaths)
{
    public static TreeChangeSet Empty { get; } = new([], [], []);

    public bool IsEmpty => Upserted.Count == 0 && Removed.Count == 0;

    /// <summary>The difference that turns <paramref name="from"/> into <paramref name="to"/>.</summary>
    public static TreeChangeSet Between(TreeState from, TreeState to)
    {
        var upserted = new List<EntryData>();
        var removed = new List<ulong>();
        var paths = new List<string>();
        foreach (var entry in to.Entries)
        {
            var old = from.Get(entry.Inode);
            if (old is null || !ReferenceEquals(old, entry) && !old.Digest.AsSpan().SequenceEqual(entry.Digest))
            {
                upserted.Add(entry);
                paths.Add(to.PathOf(entry));
            }
        }

        foreach (var entry in from.Entries)
        {
            if (to.Get(entry.Inode) is null)
            {
                removed.Add(entry.Inode);
                paths.Add(from.PathOf(entry));
            }
        }

        return new TreeChangeSet(upserted, removed, paths);
    }
}
