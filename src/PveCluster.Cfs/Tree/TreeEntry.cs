namespace PveCluster.Cfs.Tree;

/// <summary>Whether an entry is a regular file or a directory (pmxcfs stores nothing else).</summary>
public enum EntryKind
{
    File,
    Directory,
}

/// <summary>
/// An immutable snapshot of one entry of the replicated tree. <see cref="Version"/> is the
/// global version counter value of the last change to this entry; <see cref="Writer"/> the
/// corosync node id that made it; <see cref="MTime"/> is seconds since the Unix epoch.
/// </summary>
public sealed record TreeEntry(
    ulong Inode,
    ulong Parent,
    string Name,
    EntryKind Kind,
    ulong Version,
    uint Writer,
    long MTime,
    long Size);
