namespace PveCluster.Cfs.Tree;

/// <summary>
/// The tree the mount serves for a cluster node that starts while corosync is down: first a read-only view of the
/// database, then, once pmxcfs reached corosync, the replicated tree attached in its place. The FUSE layer and the
/// generated views keep this one object; reads, writes and change events follow whichever tree is current.
/// </summary>
public sealed class AttachableConfigTree : IConfigTree
{
    private readonly Lock _gate = new();
    private IConfigTree _current;

    public AttachableConfigTree(IConfigTree initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        _current = initial;
        _current.Changed += OnChanged;
    }

    public event EventHandler<TreeChangedEventArgs>? Changed;

    /// <summary>The tree that serves now.</summary>
    public IConfigTree Current => Volatile.Read(ref _current);

    public bool IsWritable => Current.IsWritable;

    public ulong TreeVersion => Current.TreeVersion;

    /// <summary>Makes <paramref name="tree"/> the serving tree and returns the one it replaces (the caller disposes it).</summary>
    public IConfigTree Attach(IConfigTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        lock (_gate)
        {
            var previous = _current;
            // Subscribed before the old one lets go: a change applied in between is reported (twice at worst).
            tree.Changed += OnChanged;
            Volatile.Write(ref _current, tree);
            previous.Changed -= OnChanged;
            return previous;
        }
    }

    public TreeEntry? GetEntry(string path) => Current.GetEntry(path);

    public IReadOnlyList<TreeEntry>? ListDirectory(string path) => Current.ListDirectory(path);

    public ReadOnlyMemory<byte>? ReadFile(string path) => Current.ReadFile(path);

    public Task<CfsError> CreateFileAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Current.CreateFileAsync(path, mtime, cancellationToken);

    public Task<CfsError> WriteAsync(string path, long offset, ReadOnlyMemory<byte> data, long mtime, CancellationToken cancellationToken) =>
        Current.WriteAsync(path, offset, data, mtime, cancellationToken);

    public Task<CfsError> TruncateAsync(string path, long length, long mtime, CancellationToken cancellationToken) =>
        Current.TruncateAsync(path, length, mtime, cancellationToken);

    public Task<CfsError> MakeDirectoryAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Current.MakeDirectoryAsync(path, mtime, cancellationToken);

    public Task<CfsError> DeleteAsync(string path, CancellationToken cancellationToken) => Current.DeleteAsync(path, cancellationToken);

    public Task<CfsError> RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        Current.RenameAsync(from, to, cancellationToken);

    public Task<CfsError> SetModificationTimeAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Current.SetModificationTimeAsync(path, mtime, cancellationToken);

    private void OnChanged(object? sender, TreeChangedEventArgs e) => Changed?.Invoke(this, e);
}
