namespace PveCluster.Cfs.Tree;

/// <summary>Structural checks for a set of entries loaded from disk or received in a sync.</summary>
internal static class TreeConsistency
{
    /// <summary>Returns a description of every problem found (empty when the entries form a valid tree).</summary>
    public static IReadOnlyList<string> Check(IReadOnlyCollection<EntryData> entries, TreeLimits limits)
    {
        var problems = new List<string>();
        var byInode = new Dictionary<ulong, EntryData>();
        foreach (var entry in entries)
        {
            if (!byInode.TryAdd(entry.Inode, entry))
            {
                problems.Add($"inode {entry.Inode} appears twice");
            }
        }

        if (!byInode.TryGetValue(TreeState.RootInode, out var root))
        {
            problems.Add("the root entry (inode 0) is missing");
            return problems;
        }

        if (root.Kind != EntryKind.Directory)
        {
            problems.Add("the root entry (inode 0) is not a directory");
        }

        var names = new HashSet<(ulong, string)>();
        foreach (var entry in byInode.Values.Where(e => e.Inode != TreeState.RootInode))
        {
            var label = $"inode {entry.Inode} '{entry.Name}'";
            if (!byInode.TryGetValue(entry.Parent, out var parent))
            {
                problems.Add($"{label}: parent inode {entry.Parent} does not exist");
            }
            else if (parent.Kind != EntryKind.Directory)
            {
                problems.Add($"{label}: parent inode {entry.Parent} is not a directory");
            }

            if (entry.Name.Length == 0 || entry.Name.Contains('/', StringComparison.Ordinal) || entry.Name is "." or "..")
            {
                problems.Add($"{label}: invalid name");
            }

            if (!names.Add((entry.Parent, entry.Name)))
            {
                problems.Add($"{label}: name is not unique in directory inode {entry.Parent}");
            }

            if (entry.Version > root.Version || entry.Inode > root.Version)
            {
                problems.Add($"{label}: version {entry.Version} is above the tree version {root.Version}");
            }

            if (entry.Kind == EntryKind.Directory && entry.Data.Length != 0)
            {
                problems.Add($"{label}: a directory carries data");
            }

            if (entry.Data.LongLength > limits.MaxFileSize)
            {
                problems.Add($"{label}: {entry.Data.LongLength} bytes exceed the file size limit");
            }
        }

        if (problems.Count == 0)
        {
            CheckReachable(byInode, problems);
        }

        return problems;
    }

    private static void CheckReachable(Dictionary<ulong, EntryData> byInode, List<string> problems)
    {
        // A parent cycle (a -> b -> a) passes the parent-exists check but is cut off from the root.
        var reachable = new HashSet<ulong> { TreeState.RootInode };
        foreach (var entry in byInode.Values)
        {
            var chain = new List<ulong>();
            var current = entry.Inode;
            while (!reachable.Contains(current) && chain.Count <= byInode.Count)
            {
                chain.Add(current);
                current = byInode[current].Parent;
            }

            if (reachable.Contains(current))
            {
                reachable.UnionWith(chain);
            }
            else
            {
                problems.Add($"inode {entry.Inode} '{entry.Name}' is not reachable from the root (parent cycle)");
            }
        }
    }
}
