using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>
/// A small thread-safe IConfigTree for the FUSE and view tests. Mutations complete on the thread
/// pool (optionally after a delay) the way ordered operations complete in a cluster.
/// </summary>
internal sealed class InMemoryConfigTree : IConfigTree
{
    public const long MaxFileSize = 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private ulong _version;

    public InMemoryConfigTree()
    {
        _nodes["/"] = new Node(0, EntryKind.Directory, 0, 0);
    }

    public bool IsWritable { get; set; } = true;

    /// <summary>How long each mutation takes before its result is "delivered".</summary>
    public TimeSpan MutationDelay { get; set; } = TimeSpan.Zero;

    public int MutationCount;

    public ulong TreeVersion
    {
        get { lock (_lock) return _version; }
    }

    public event EventHandler<TreeChangedEventArgs>? Changed;

    public TreeEntry? GetEntry(string path)
    {
        lock (_lock)
            return _nodes.TryGetValue(path, out var node) ? ToEntry(path, node) : null;
    }

    public IReadOnlyList<TreeEntry>? ListDirectory(string path)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(path, out var dir) || dir.Kind != EntryKind.Directory)
                return null;
            return [.. _nodes.Where(kv => kv.Key != "/" && ParentOf(kv.Key) == path)
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => ToEntry(kv.Key, kv.Value))];
        }
    }

    public ReadOnlyMemory<byte>? ReadFile(string path)
    {
        lock (_lock)
            return _nodes.TryGetValue(path, out var node) && node.Kind == EntryKind.File ? node.Data.ToArray() : null;
    }

    public Task<CfsError> CreateFileAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (CheckNewEntry(path) is var error && error != CfsError.None)
                return error;
            _nodes[path] = new Node(++_version, EntryKind.File, _version, mtime);
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    public Task<CfsError> WriteAsync(string path, long offset, ReadOnlyMemory<byte> data, long mtime, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (!_nodes.TryGetValue(path, out var node))
                return CfsError.NotFound;
            if (node.Kind != EntryKind.File)
                return CfsError.IsDirectory;
            var end = offset + data.Length;
            if (end > MaxFileSize)
                return CfsError.FileTooBig;
            var content = node.Data.ToList();
            while (content.Count < end)
                content.Add(0);
            for (var i = 0; i < data.Length; i++)
                content[(int)offset + i] = data.Span[i];
            node.Data = [.. content];
            Touch(node, mtime);
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    public Task<CfsError> TruncateAsync(string path, long length, long mtime, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (!_nodes.TryGetValue(path, out var node))
                return CfsError.NotFound;
            if (node.Kind != EntryKind.File)
                return CfsError.IsDirectory;
            var content = new byte[length];
            node.Data.AsSpan(0, (int)Math.Min(length, node.Data.Length)).CopyTo(content);
            node.Data = content;
            Touch(node, mtime);
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    public Task<CfsError> MakeDirectoryAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (CheckNewEntry(path) is var error && error != CfsError.None)
                return error;
            _nodes[path] = new Node(++_version, EntryKind.Directory, _version, mtime);
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    public Task<CfsError> DeleteAsync(string path, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (path == "/" || !_nodes.TryGetValue(path, out var node))
                return CfsError.NotFound;
            if (node.Kind == EntryKind.Directory && _nodes.Keys.Any(k => ParentOf(k) == path && k != "/"))
                return CfsError.NotEmpty;
            _nodes.Remove(path);
            _version++;
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    public Task<CfsError> RenameAsync(string from, string to, CancellationToken cancellationToken) =>
        Mutate(to, () =>
        {
            if (!_nodes.TryGetValue(from, out var node))
                return CfsError.NotFound;
            if (!_nodes.TryGetValue(ParentOf(to), out var parent) || parent.Kind != EntryKind.Directory)
                return CfsError.NotFound;
            if (_nodes.TryGetValue(to, out var existing) && existing.Kind == EntryKind.Directory)
                return CfsError.IsDirectory;
            var moved = _nodes.Where(kv => kv.Key == from || kv.Key.StartsWith(from + "/", StringComparison.Ordinal)).ToList();
            foreach (var (key, _) in moved)
                _nodes.Remove(key);
            foreach (var (key, value) in moved)
                _nodes[to + key[from.Length..]] = value;
            node.Version = ++_version;
            return CfsError.None;
        }, from, cancellationToken);

    public Task<CfsError> SetModificationTimeAsync(string path, long mtime, CancellationToken cancellationToken) =>
        Mutate(path, () =>
        {
            if (!_nodes.TryGetValue(path, out var node))
                return CfsError.NotFound;
            Touch(node, mtime);
            return CfsError.None;
        }, cancellationToken: cancellationToken);

    /// <summary>Test setup shortcut: creates the parents and the file with content, synchronously.</summary>
    public void Seed(string path, string? content = null)
    {
        lock (_lock)
        {
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var current = "";
            for (var i = 0; i < parts.Length; i++)
            {
                current += "/" + parts[i];
                var isLast = i == parts.Length - 1;
                if (_nodes.ContainsKey(current))
                    continue;
                var kind = isLast && content is not null ? EntryKind.File : EntryKind.Directory;
                _nodes[current] = new Node(++_version, kind, _version, 1_700_000_000)
                {
                    Data = content is not null && isLast ? System.Text.Encoding.UTF8.GetBytes(content) : [],
                };
            }

            if (content is not null)
            {
                _nodes[path].Data = System.Text.Encoding.UTF8.GetBytes(content);
                _nodes[path].Version = ++_version;
            }
        }
    }

    private Task<CfsError> Mutate(string path, Func<CfsError> apply, string? alsoChanged = null, CancellationToken cancellationToken = default) =>
        Task.Run(async () =>
        {
            if (MutationDelay > TimeSpan.Zero)
                await Task.Delay(MutationDelay, cancellationToken);
            Interlocked.Increment(ref MutationCount);
            CfsError result;
            lock (_lock)
                result = IsWritable ? apply() : CfsError.AccessDenied;
            if (result == CfsError.None)
            {
                Changed?.Invoke(this, new TreeChangedEventArgs(path));
                if (alsoChanged is not null)
                    Changed?.Invoke(this, new TreeChangedEventArgs(alsoChanged));
            }

            return result;
        }, cancellationToken);

    private CfsError CheckNewEntry(string path)
    {
        if (_nodes.ContainsKey(path))
            return CfsError.Exists;
        if (!_nodes.TryGetValue(ParentOf(path), out var parent))
            return CfsError.NotFound;
        return parent.Kind == EntryKind.Directory ? CfsError.None : CfsError.NotDirectory;
    }

    private void Touch(Node node, long mtime)
    {
        node.Version = ++_version;
        node.MTime = mtime;
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    private static TreeEntry ToEntry(string path, Node node) =>
        new(node.Inode, 0, path == "/" ? "" : path[(path.LastIndexOf('/') + 1)..], node.Kind, node.Version, 1, node.MTime, node.Data.Length);

    private sealed class Node(ulong inode, EntryKind kind, ulong version, long mtime)
    {
        public ulong Inode { get; } = inode;
        public EntryKind Kind { get; } = kind;
        public ulong Version { get; set; } = version;
        public long MTime { get; set; } = mtime;
        public byte[] Data { get; set; } = [];
    }
}
