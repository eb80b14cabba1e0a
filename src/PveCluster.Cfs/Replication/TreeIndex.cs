using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Replication;

/// <summary>One entry as a member advertises it in its state: enough to tell whether two copies are equal.</summary>
internal readonly record struct IndexEntry(ulong Inode, ulong Version, byte[] Digest)
{
    public bool SameAs(EntryData? entry) => entry is not null && entry.Version == Version && entry.Digest.AsSpan().SequenceEqual(Digest);
}

/// <summary>A member's state in a sync round: the tree's version, mtime and writer plus every entry's digest.</summary>
internal sealed record TreeIndex(ulong Version, long MTime, uint Writer, IReadOnlyList<IndexEntry> Entries)
{
    public const int DigestLength = 32;

    public static TreeIndex Of(TreeState state) =>
        new(state.Version, state.Root.MTime, state.Root.Writer,
            state.Entries.OrderBy(e => e.Inode).Select(e => new IndexEntry(e.Inode, e.Version, e.Digest)).ToList());
}
