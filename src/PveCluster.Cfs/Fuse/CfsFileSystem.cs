using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Interop.Libc;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Fuse;

/// <summary>
/// The FUSE operations over <see cref="IConfigTree"/> plus the generated root entries, as plain
/// managed methods: paths in, 0 / byte counts / -errno out. The native callbacks only translate
/// pointers. Every method is called concurrently from libfuse's worker threads.
///
/// Mutations block the calling FUSE thread until the tree reports the ordered result: in a
/// cluster that is the outcome every node computed for the same operation, so the caller's
/// write(2) returns exactly what was applied everywhere.
/// </summary>
internal sealed partial class CfsFileSystem(
    IConfigTree tree,
    GeneratedEntries generated,
    FileModes modes,
    TimeProvider clock,
    ILogger<CfsFileSystem> logger,
    CancellationToken stopping = default)
{
    /// <summary>Tree limits (pmxcfs-design.md), shown through statfs.</summary>
    public const long MaxTotalBytes = 128L * 1024 * 1024;
    public const long MaxInodes = 256 * 1024;
    public const int MaxNameLength = 255;

    private readonly SnapshotHandles _snapshots = new();

    internal int OpenSnapshotCount => _snapshots.Count;

    public int GetAttributes(string path, CallerIdentity caller, out NodeAttributes attributes)
    {
        attributes = default;
        if (generated.FindLink(path) is { } link)
        {
            attributes = new NodeAttributes(Stat.S_IFLNK | FileModes.Link, FileModes.OwnerUid, modes.GroupId, link.Target.Length, StartTime, 1);
            return 0;
        }

        if (generated.FindFile(path) is { } file)
        {
            attributes = new NodeAttributes(Stat.S_IFREG | file.Permissions, FileModes.OwnerUid, modes.GroupId, file.Render().Length, Now(), 1);
            return 0;
        }

        if (DenyPrivate(path, caller, insideOnly: true) is var denied && denied != 0)
            return denied;
        var entry = tree.GetEntry(path);
        if (entry is null)
            return path == "/" ? RootAttributes(out attributes) : -Errno.ENOENT;

        var isDirectory = entry.Kind == EntryKind.Directory;
        attributes = new NodeAttributes(
            FileModes.For(isDirectory, PrivatePaths.IsPrivate(path)),
            FileModes.OwnerUid,
            modes.GroupId,
            isDirectory ? 0 : entry.Size,
            entry.MTime,
            isDirectory ? 2UL : 1UL);
        return 0;
    }

    public int ReadLink(string path, out string target)
    {
        target = generated.FindLink(path)?.Target ?? "";
        return target.Length > 0 ? 0 : (tree.GetEntry(path) is null && !generated.Contains(path) ? -Errno.ENOENT : -Errno.EINVAL);
    }

    /// <summary>Fills <paramref name="names"/> with ".", ".." and the directory's entries.</summary>
    public int ListDirectory(string path, CallerIdentity caller, List<string> names)
    {
        if (DenyPrivate(path, caller, insideOnly: false) is var denied && denied != 0)
            return denied;
        var children = tree.ListDirectory(path);
        if (children is null)
            return tree.GetEntry(path) is null && path != "/" ? -Errno.ENOENT : -Errno.ENOTDIR;

        names.Add(".");
        names.Add("..");
        var isRoot = path == "/";
        foreach (var child in children)
        {
            if (!isRoot || !generated.Contains("/" + child.Name))
                names.Add(child.Name);
        }

        if (isRoot)
            names.AddRange(generated.Names);
        return 0;
    }

    public int GetUsage(out FileSystemUsage usage)
    {
        var (bytes, inodes) = MeasureTree("/");
        const ulong blockSize = 4096;
        usage = new FileSystemUsage(
            blockSize,
            (ulong)MaxTotalBytes / blockSize,
            (ulong)Math.Max(0, MaxTotalBytes - bytes) / blockSize,
            (ulong)MaxInodes,
            (ulong)Math.Max(0, MaxInodes - inodes),
            MaxNameLength);
        return 0;
    }

    private long StartTime { get; } = clock.GetUtcNow().ToUnixTimeSeconds();

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();

    private int RootAttributes(out NodeAttributes attributes)
    {
        attributes = new NodeAttributes(FileModes.For(isDirectory: true, isPrivate: false), FileModes.OwnerUid, modes.GroupId, 0, StartTime, 2);
        return 0;
    }

    /// <summary>
    /// Non-root callers may stat a priv directory but not list it or touch anything inside.
    /// The kernel enforces the same through the 0700 mode (default_permissions); this check keeps
    /// the rule independent of mount options.
    /// </summary>
    private static int DenyPrivate(string path, CallerIdentity caller, bool insideOnly)
    {
        if (caller.IsRoot)
            return 0;
        var isPrivate = insideOnly ? PrivatePaths.IsInsidePrivate(path) : PrivatePaths.IsPrivate(path);
        return isPrivate ? -Errno.EACCES : 0;
    }

    private (long Bytes, long Inodes) MeasureTree(string path)
    {
        long bytes = 0, inodes = 1;
        foreach (var child in tree.ListDirectory(path) ?? [])
        {
            if (child.Kind == EntryKind.Directory)
            {
                var (b, i) = MeasureTree(path == "/" ? "/" + child.Name : $"{path}/{child.Name}");
                bytes += b;
                inodes += i;
            }
            else
            {
                bytes += child.Size;
                inodes++;
            }
        }

        return (bytes, inodes);
    }
}
