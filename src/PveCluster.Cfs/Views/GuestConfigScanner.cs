using System.Globalization;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Views;

/// <summary>Finds every guest config in the tree. A guest id present twice keeps its first occurrence (node name order).</summary>
internal static class GuestConfigScanner
{
    private static readonly (string Directory, GuestType Type)[] GuestDirectories =
        [("qemu-server", GuestType.Qemu), ("lxc", GuestType.Lxc)];

    public static IReadOnlyList<GuestConfig> Scan(IConfigTree tree)
    {
        var found = new SortedDictionary<uint, GuestConfig>();
        var nodes = tree.ListDirectory("/nodes") ?? [];
        foreach (var node in nodes.Where(n => n.Kind == EntryKind.Directory).OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            foreach (var (directory, type) in GuestDirectories)
            {
                foreach (var file in tree.ListDirectory($"/nodes/{node.Name}/{directory}") ?? [])
                {
                    if (file.Kind == EntryKind.File && TryParseVmId(file.Name, out var vmid))
                        found.TryAdd(vmid, new GuestConfig(vmid, node.Name, type, file.Version));
                }
            }
        }

        return [.. found.Values];
    }

    /// <summary>"100.conf" -> 100; guest ids are positive decimal numbers without sign or leading zeros.</summary>
    public static bool TryParseVmId(string fileName, out uint vmid)
    {
        vmid = 0;
        if (!fileName.EndsWith(".conf", StringComparison.Ordinal))
            return false;
        var digits = fileName.AsSpan(0, fileName.Length - ".conf".Length);
        return digits.Length > 0 && digits[0] != '0'
            && uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out vmid);
    }
}
