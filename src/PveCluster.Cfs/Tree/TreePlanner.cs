namespace PveCluster.Cfs.Tree;

/// <summary>
/// The POSIX-like semantics of every operation, evaluated against a read-only tree. Each
/// successful change takes the next value of the global counter as its version; new entries
/// take it as their inode too, so every node allocates the same inode for the same operation.
/// </summary>
internal sealed class TreePlanner(TreeState state, TreeLimits limits, uint writer, long timestamp)
{
    private ulong NextVersion => state.Version + 1;

    public OperationPlan Create(string path, EntryKind kind, long mtime)
    {
        if (ResolveParent(path, out var components, out var parent) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        var name = components[^1];
        if (state.Child(parent.Inode, name) is not null)
        {
            return OperationPlan.Fail(CfsError.Exists);
        }

        if (kind == EntryKind.File && GuestConfigPath.TryParse(components) is { } guest
            && new GuestIdUniqueness(state).ConflictOfCreate(guest, path) is { } conflict)
        {
            return OperationPlan.Fail(CfsError.Exists, $"cannot create {path}: {conflict}");
        }

        if (state.Count >= limits.MaxInodes)
        {
            return OperationPlan.Fail(CfsError.NoSpace);
        }

        var version = NextVersion;
        var entry = new EntryData(version, parent.Inode, name, kind, version, writer, mtime, []);
        return Success(version, [entry], [], path);
    }

    public OperationPlan Write(string path, long offset, byte[] data, long mtime)
    {
        if (ResolveFile(path, out var file) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        if (offset < 0)
        {
            return OperationPlan.Fail(CfsError.InvalidArgument);
        }

        if (offset > limits.MaxFileSize || offset + data.LongLength > limits.MaxFileSize)
        {
            return OperationPlan.Fail(CfsError.FileTooBig);
        }

        // An empty write changes the mtime but, as in POSIX, does not extend the file.
        var end = data.Length == 0 ? 0 : offset + data.LongLength;
        var content = new byte[Math.Max(file.Data.LongLength, end)];
        file.Data.CopyTo(content, 0);
        if (data.Length > 0)
        {
            data.CopyTo(content, offset);
        }

        return Resize(path, file, content, mtime);
    }

    public OperationPlan Truncate(string path, long length, long mtime)
    {
        if (ResolveFile(path, out var file) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        if (length < 0)
        {
            return OperationPlan.Fail(CfsError.InvalidArgument);
        }

        if (length > limits.MaxFileSize)
        {
            return OperationPlan.Fail(CfsError.FileTooBig);
        }

        var content = new byte[length];
        file.Data.AsSpan(0, (int)Math.Min(length, file.Data.LongLength)).CopyTo(content);
        return Resize(path, file, content, mtime);
    }

    public OperationPlan Delete(string path)
    {
        if (Resolve(path, out _, out var entry) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        if (entry.Inode == TreeState.RootInode)
        {
            return OperationPlan.Fail(CfsError.NotPermitted);
        }

        if (entry.Kind == EntryKind.Directory && state.HasChildren(entry.Inode))
        {
            return OperationPlan.Fail(CfsError.NotEmpty);
        }

        return Success(NextVersion, [], [entry.Inode], path);
    }

    public OperationPlan Rename(string from, string to)
    {
        if (Resolve(from, out _, out var source) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        if (source.Inode == TreeState.RootInode)
        {
            return OperationPlan.Fail(CfsError.InvalidArgument);
        }

        if (ResolveParent(to, out var toComponents, out var targetParent) is var targetError and not CfsError.None)
        {
            return OperationPlan.Fail(targetError);
        }

        var name = toComponents[^1];
        var existing = state.Child(targetParent.Inode, name);
        if (existing?.Inode == source.Inode)
        {
            return OperationPlan.Fail(CfsError.None);
        }

        if (state.IsAncestorOrSelf(source.Inode, targetParent.Inode))
        {
            return OperationPlan.Fail(CfsError.InvalidArgument);
        }

        if (RefuseReplacement(source, existing) is var replaceError and not CfsError.None)
        {
            return OperationPlan.Fail(replaceError);
        }

        if (new GuestIdUniqueness(state).ConflictOfRename(source, toComponents, existing) is { } conflict)
        {
            return OperationPlan.Fail(CfsError.Exists, $"cannot rename {from} to {to}: {conflict}");
        }

        var version = NextVersion;
        var moved = source with { Parent = targetParent.Inode, Name = name, Version = version, Writer = writer };
        return Success(version, [moved], existing is null ? [] : [existing.Inode], from, to);
    }

    public OperationPlan SetModificationTime(string path, long mtime)
    {
        if (Resolve(path, out _, out var entry) is var error and not CfsError.None)
        {
            return OperationPlan.Fail(error);
        }

        var version = NextVersion;
        if (entry.Inode == TreeState.RootInode)
        {
            return new OperationPlan(CfsError.None, new TreeChangeSet([entry with { Version = version, Writer = writer, MTime = mtime }], [], [path]));
        }

        return Success(version, [entry with { Version = version, Writer = writer, MTime = mtime }], [], path);
    }

    private CfsError RefuseReplacement(EntryData source, EntryData? existing) => existing switch
    {
        null => CfsError.None,
        { Kind: EntryKind.Directory } when source.Kind == EntryKind.File => CfsError.IsDirectory,
        { Kind: EntryKind.File } when source.Kind == EntryKind.Directory => CfsError.NotDirectory,
        { Kind: EntryKind.Directory } when state.HasChildren(existing.Inode) => CfsError.NotEmpty,
        _ => CfsError.None,
    };

    private OperationPlan Resize(string path, EntryData file, byte[] content, long mtime)
    {
        if (state.TotalSize - file.Data.LongLength + content.LongLength > limits.MaxTotalSize)
        {
            return OperationPlan.Fail(CfsError.NoSpace);
        }

        var version = NextVersion;
        return Success(version, [file with { Data = content, Version = version, Writer = writer, MTime = mtime }], [], path);
    }

    private OperationPlan Success(ulong version, EntryData[] upserted, ulong[] removed, params string[] paths)
    {
        var root = state.Root with { Version = version, Writer = writer, MTime = timestamp };
        return new OperationPlan(CfsError.None, new TreeChangeSet([.. upserted, root], removed, paths));
    }

    private CfsError Resolve(string path, out string[] components, out EntryData entry)
    {
        entry = state.Root;
        if (TreePath.TrySplit(path, limits.MaxNameLength, out components) is var error and not CfsError.None)
        {
            return error;
        }

        if (ResolveParentOf(components, out var parent) is var parentError and not CfsError.None)
        {
            return parentError;
        }

        if (components.Length == 0)
        {
            return CfsError.None;
        }

        if (state.Child(parent.Inode, components[^1]) is not { } found)
        {
            return CfsError.NotFound;
        }

        entry = found;
        return CfsError.None;
    }

    private CfsError ResolveFile(string path, out EntryData file)
    {
        if (Resolve(path, out _, out file) is var error and not CfsError.None)
        {
            return error;
        }

        return file.Kind == EntryKind.Directory ? CfsError.IsDirectory : CfsError.None;
    }

    private CfsError ResolveParent(string path, out string[] components, out EntryData parent)
    {
        parent = state.Root;
        if (TreePath.TrySplit(path, limits.MaxNameLength, out components) is var error and not CfsError.None)
        {
            return error;
        }

        return components.Length == 0 ? CfsError.Exists : ResolveParentOf(components, out parent);
    }

    private CfsError ResolveParentOf(string[] components, out EntryData parent)
    {
        parent = state.Root;
        for (var i = 0; i < components.Length - 1; i++)
        {
            if (state.Child(parent.Inode, components[i]) is not { } next)
            {
                return CfsError.NotFound;
            }

            if (next.Kind != EntryKind.Directory)
            {
                return CfsError.NotDirectory;
            }

            parent = next;
        }

        return CfsError.None;
    }
}
