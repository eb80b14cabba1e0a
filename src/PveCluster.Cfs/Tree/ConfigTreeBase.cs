using PveCluster.Cfs.Persistence;

namespace PveCluster.Cfs.Tree;

/// <summary>Reads straight from the database; turns every mutation into a <see cref="TreeOperation"/> for the mode to submit.</summary>
public abstract class ConfigTreeBase : IConfigTree, IDisposable
{
    private protected ConfigTreeBase(ConfigDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Database = database;
        Database.Applied += OnApplied;
    }

    public abstract bool IsWritable { get; }

    public ulong TreeVersion => Database.TreeVersion;

    public event EventHandler<TreeChangedEventArgs>? Changed;

    private protected ConfigDatabase Database { get; }

    public TreeEntry? GetEntry(string path) => Database.GetEntry(path);

    public IReadOnlyList<TreeEntry>? ListDirectory(string path) => Database.ListDirectory(path);

    public ReadOnlyMemory<byte>? ReadFile(string path) => Database.ReadFile(path);

    public Task<CfsError> CreateFileAsync(string path, long mtime, CancellationToken cancellationToken) =>
        SubmitAsync(new CreateFileOperation(path, mtime), cancellationToken);

    public Task<CfsError> WriteAsync(string path, long offset, ReadOnlyMemory<byte> data, long mtime, CancellationToken cancellationToken) =>
        // Refused before it travels: the ordered application would refuse it on every node anyway.
        data.Length > Database.Limits.MaxFileSize
            ? Task.FromResult(CfsError.FileTooBig)
            : SubmitAsync(new WriteOperation(path, offset, data.ToArray(), mtime), cancellationToken);

    public Task<CfsError> TruncateAsync(string path, long length, long mtime, CancellationToken cancellationToken) =>
        SubmitAsync(new TruncateOperation(path, length, mtime), cancellationToken);

    public Task<CfsError> MakeDirectoryAsync(string path, long mtime, CancellationToken cancellationToken) =>
        SubmitAsync(new MakeDirectoryOperation(path, mtime), cancellationToken);

    public Task<CfsError> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SubmitAsync(new DeleteOperation(path), cancellationToken);

    public Task<CfsError> RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        SubmitAsync(new RenameOperation(from, to), cancellationToken);

    public Task<CfsError> SetModificationTimeAsync(string path, long mtime, CancellationToken cancellationToken) =>
        SubmitAsync(new SetModificationTimeOperation(path, mtime), cancellationToken);

    /// <summary>Detaches from the database (which the caller still owns).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Database.Applied -= OnApplied;
        }
    }

    private protected abstract Task<CfsError> SubmitAsync(TreeOperation operation, CancellationToken cancellationToken);

    private void OnApplied(IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            Changed?.Invoke(this, new TreeChangedEventArgs(path));
        }
    }
}
