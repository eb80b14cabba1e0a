namespace PveCluster.Cfs.Tree;

/// <summary>
/// The file tree as the FUSE layer and the daemon's generated views see it. Paths are absolute
/// within the tree ("/", "/nodes/n1/qemu-server/100.conf"), '/'-separated, no trailing slash.
///
/// Reads are served from local memory and never block. Mutations are asynchronous because in a
/// cluster they complete only after the operation went through corosync's total order and was
/// applied locally (so the caller sees the same result every node computed). In local mode they
/// are applied directly.
/// </summary>
public interface IConfigTree
{
    /// <summary>False while the node has no quorum (and is not in local mode): every mutation then fails with <see cref="CfsError.AccessDenied"/>.</summary>
    bool IsWritable { get; }

    /// <summary>The version of the whole tree (the global version counter).</summary>
    ulong TreeVersion { get; }

    TreeEntry? GetEntry(string path);

    /// <summary>The children of a directory, or null when <paramref name="path"/> is not a directory.</summary>
    IReadOnlyList<TreeEntry>? ListDirectory(string path);

    /// <summary>The whole content of a file, or null when it is not a file.</summary>
    ReadOnlyMemory<byte>? ReadFile(string path);

    Task<CfsError> CreateFileAsync(string path, long mtime, CancellationToken cancellationToken);

    /// <summary>Writes at an offset, growing the file as needed (holes are zero-filled).</summary>
    Task<CfsError> WriteAsync(string path, long offset, ReadOnlyMemory<byte> data, long mtime, CancellationToken cancellationToken);

    Task<CfsError> TruncateAsync(string path, long length, long mtime, CancellationToken cancellationToken);

    Task<CfsError> MakeDirectoryAsync(string path, long mtime, CancellationToken cancellationToken);

    /// <summary>Removes a file or an empty directory.</summary>
    Task<CfsError> DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>Atomic rename; replaces an existing file at <paramref name="to"/>.</summary>
    Task<CfsError> RenameAsync(string from, string to, CancellationToken cancellationToken);

    Task<CfsError> SetModificationTimeAsync(string path, long mtime, CancellationToken cancellationToken);

    /// <summary>Raised after any change was applied locally (from any node). Handlers must be quick.</summary>
    event EventHandler<TreeChangedEventArgs>? Changed;
}

/// <summary>Which path changed (for a rename, both paths are reported as two events).</summary>
public sealed class TreeChangedEventArgs(string path) : EventArgs
{
    public string Path { get; } = path;
}
