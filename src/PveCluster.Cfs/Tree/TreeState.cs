namespace PveCluster.Cfs.Tree;

/// <summary>
/// The whole tree in memory: entries by inode plus a per-directory name index. Not thread-safe;
/// <see cref="Persistence.ConfigDatabase"/> guards it. Entries are immutable, so <see cref="Clone"/>
/// copies only the indexes.
/// </summary>
internal sealed class TreeState
{
    public const ulong RootInode = 0;

    private readonly Dictionary<ulong, EntryData> _entries;
    private readonly Dictionary<ulong, Dictionary<string, ulong>> _children;

    private TreeState(Dictionary<ulong, EntryData> entries, Dictionary<ulong, Dictionary<string, ulong>> children, long totalSize)
    {
        _entries = entries;
        _children = children;
        TotalSize = totalSize;
    }

    public static TreeState CreateEmpty() =>
        FromEntries([new EntryData(RootInode, RootInode, "", EntryKind.Directory, 0, 0, 0, [])]);

    /// <summary>Builds a state from stored rows; the caller must run <see cref="TreeConsistency"/> first.</summary>
    public static TreeState FromEntries(IEnumerable<EntryData> entries)
    {
        var state = new TreeState([], [], 0);
        var list = entries.ToList();
        foreach (var entry in list)
        {
            state._entries[entry.Inode] = entry;
            state.TotalSize += entry.Data.LongLength;
            if (entry.Kind == EntryKind.Directory)
            {
                state._children[entry.Inode] = new Dictionary<string, ulong>(StringComparer.Ordinal);
            }
        }

        foreach (var entry in list.Where(e => e.Inode != RootInode))
        {
            state._children[entry.Parent][entry.Name] = entry.Inode;
        }

        return state;
    }

    public EntryData Root => _entries[RootInode];

    /// <summary>The global version counter (carried by the root entry).</summary>
    public ulong Version => Root.Version;

    public long TotalSize { get; private set; }

    public int Count => _entries.Count;

    public IEnumerable<EntryData> Entries => _entries.Values;

    public EntryData? Get(ulong inode) => _entries.GetValueOrDefault(inode);

    public EntryData? Child(ulong directory, string name) =>
        _children.TryGetValue(directory, out var names) && names.TryGetValue(name, out var inode) ? _entries[inode] : null;

    public IEnumerable<EntryData> Children(ulong directory) =>
        _children.TryGetValue(directory, out var names) ? names.Values.Select(i => _entries[i]) : [];

    public bool HasChildren(ulong directory) => _children.TryGetValue(directory, out var names) && names.Count > 0;

    /// <summary>Resolves already validated components; null when any component is missing or not a directory.</summary>
    public EntryData? Resolve(IReadOnlyList<string> components)
    {
        var current = Root;
        foreach (var name in components)
        {
            if (current.Kind != EntryKind.Directory || Child(current.Inode, name) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public string PathOf(EntryData entry)
    {
        if (entry.Inode == RootInode)
        {
            return TreePath.Root;
        }

        var names = new List<string>();
        for (var current = entry; current.Inode != RootInode; current = _entries[current.Parent])
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return "/" + string.Join('/', names);
    }

    public bool IsAncestorOrSelf(ulong ancestor, ulong inode)
    {
        for (var current = inode; ; current = _entries[current].Parent)
        {
            if (current == ancestor)
            {
                return true;
            }

            if (current == RootInode)
            {
                return false;
            }
        }
    }

    public TreeState Clone() =>
        new(new Dictionary<ulong, EntryData>(_entries),
            _children.ToDictionary(kv => kv.Key, kv => new Dictionary<string, ulong>(kv.Value, StringComparer.Ordinal)),
            TotalSize);

    public void Apply(TreeChangeSet changes)
    {
        foreach (var inode in changes.Removed)
        {
            Remove(inode);
        }

        foreach (var entry in changes.Upserted)
        {
            Upsert(entry);
        }
    }

    private void Remove(ulong inode)
    {
        if (!_entries.Remove(inode, out var old))
        {
            return;
        }

        TotalSize -= old.Data.LongLength;
        _children.Remove(inode);
        if (_children.TryGetValue(old.Parent, out var siblings) && siblings.TryGetValue(old.Name, out var current) && current == inode)
        {
            siblings.Remove(old.Name);
        }
    }

    private void Upsert(EntryData entry)
    {
        if (_entries.TryGetValue(entry.Inode, out var old))
        {
            TotalSize -= old.Data.LongLength;
            if (old.Inode != RootInode && (old.Parent != entry.Parent || old.Name != entry.Name)
                && _children.TryGetValue(old.Parent, out var siblings)
                && siblings.TryGetValue(old.Name, out var current) && current == entry.Inode)
            {
                siblings.Remove(old.Name);
            }
        }

        _entries[entry.Inode] = entry;
        TotalSize += entry.Data.LongLength;
        if (entry.Kind == EntryKind.Directory && !_children.ContainsKey(entry.Inode))
        {
            _children[entry.Inode] = new Dictionary<string, ulong>(StringComparer.Ordinal);
        }

        if (entry.Inode != RootInode)
        {
            _children[entry.Parent][entry.Name] = entry.Inode;
        }
    }
}
