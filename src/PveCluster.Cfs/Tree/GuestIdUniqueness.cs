namespace PveCluster.Cfs.Tree;

/// <summary>
/// A guest id names one guest in the whole cluster: no operation may leave two guest configs
/// (nodes/&lt;node&gt;/{qemu-server,lxc}/&lt;id&gt;.conf) with the same id, whichever way it gets there:
/// creating a config, renaming a file onto a config name, or renaming a directory so that the files
/// below it become configs (a directory renamed to nodes/&lt;node&gt;/lxc, a node directory renamed,
/// a directory renamed to nodes). The reference pmxcfs keeps this rule through its vmlist and avoids
/// the directory cases by refusing to rename a non-empty directory; here such renames stay possible
/// and are checked like everything else. The check reads only the tree, and operations are applied
/// in total order, so every node reaches the same verdict.
/// </summary>
internal sealed class GuestIdUniqueness(TreeState state)
{
    /// <summary>A config an operation would bring into existence: its id, its inode (null when new) and its path afterwards.</summary>
    private readonly record struct ArrivingConfig(uint GuestId, ulong? Inode, string Path);

    private readonly record struct ExistingConfig(ulong Inode, string Path);

    /// <summary>Why creating <paramref name="guest"/> is refused, or null when its id is free.</summary>
    public string? ConflictOfCreate(GuestConfigPath guest, string path) =>
        Conflict([new ArrivingConfig(guest.GuestId, null, path)], movingRoot: null, replaced: null);

    /// <summary>
    /// Why moving <paramref name="source"/> to <paramref name="target"/> (replacing <paramref name="replaced"/>)
    /// is refused, or null when every config it puts in place keeps a unique id. Configs that move along
    /// (a migration to another node's directory) and the config being replaced do not count as taken.
    /// </summary>
    public string? ConflictOfRename(EntryData source, IReadOnlyList<string> target, EntryData? replaced)
    {
        var arriving = new List<ArrivingConfig>();
        CollectArriving(source, [.. target], arriving);
        return arriving.Count == 0 ? null : Conflict(arriving, source.Inode, replaced?.Inode);
    }

    private string? Conflict(List<ArrivingConfig> arriving, ulong? movingRoot, ulong? replaced)
    {
        var arrivingPaths = new Dictionary<uint, string>();
        foreach (var config in arriving)
        {
            if (!arrivingPaths.TryAdd(config.GuestId, config.Path))
            {
                return $"guest id {config.GuestId} would exist twice: {arrivingPaths[config.GuestId]} and {config.Path}";
            }

            foreach (var holder in Holders(config.GuestId))
            {
                var movesAlong = movingRoot is { } root && state.IsAncestorOrSelf(root, holder.Inode);
                if (!movesAlong && holder.Inode != replaced)
                {
                    return $"guest id {config.GuestId} is already used by {holder.Path}";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The configs with this id now, looked up by name in every node's guest directories: a config's file
    /// name is exactly "&lt;id&gt;.conf" (no leading zeros), so this costs nodes × types lookups, not a scan of every guest.
    /// </summary>
    private IEnumerable<ExistingConfig> Holders(uint guestId)
    {
        if (state.Resolve([GuestConfigPath.NodesDirectory]) is not { Kind: EntryKind.Directory } nodes)
        {
            yield break;
        }

        var fileName = guestId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".conf";
        foreach (var node in state.Children(nodes.Inode).Where(n => n.Kind == EntryKind.Directory).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            foreach (var type in GuestConfigPath.GuestTypes)
            {
                if (state.Child(node.Inode, type) is { Kind: EntryKind.Directory } typeDirectory
                    && state.Child(typeDirectory.Inode, fileName) is { Kind: EntryKind.File } file)
                {
                    yield return new ExistingConfig(file.Inode, $"/{GuestConfigPath.NodesDirectory}/{node.Name}/{type}/{fileName}");
                }
            }
        }
    }

    /// <summary>Walks <paramref name="entry"/> as if it were at <paramref name="path"/>, collecting the files that land on config paths.</summary>
    private void CollectArriving(EntryData entry, List<string> path, List<ArrivingConfig> arriving)
    {
        if (entry.Kind == EntryKind.File)
        {
            if (GuestConfigPath.TryParse(path) is { } guest)
            {
                arriving.Add(new ArrivingConfig(guest.GuestId, entry.Inode, "/" + string.Join('/', path)));
            }

            return;
        }

        if (!CanLeadToConfig(path))
        {
            return;
        }

        foreach (var child in state.Children(entry.Inode).OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            path.Add(child.Name);
            CollectArriving(child, path, arriving);
            path.RemoveAt(path.Count - 1);
        }
    }

    /// <summary>Whether a directory at <paramref name="path"/> can hold guest configs below it (nodes, a node, a guest type directory).</summary>
    private static bool CanLeadToConfig(List<string> path) =>
        path.Count < GuestConfigPath.Depth
        && (path.Count < 1 || path[0] == GuestConfigPath.NodesDirectory)
        && (path.Count < 3 || Array.IndexOf(GuestConfigPath.GuestTypes, path[2]) >= 0);
}
