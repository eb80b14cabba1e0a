using System.Globalization;

namespace PveCluster.Core.Lifecycle;

/// <summary>A guest found on a node: its VMID and whether it is a VM (qemu-server) or a container (lxc).</summary>
public sealed record GuestId(uint Vmid, string Kind)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind} {Vmid}");
}

/// <summary>Finds guests in file names listed under <c>/etc/pve/nodes/*/qemu-server</c> and <c>lxc</c>.</summary>
public static class GuestConfigFiles
{
    /// <summary>
    /// The guests named by <c>VMID.conf</c> files, sorted by VMID. The parent folder decides the kind
    /// (<c>qemu-server</c> = VM, <c>lxc</c> = CT); other files are ignored.
    /// </summary>
    public static IReadOnlyList<GuestId> Find(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new SortedDictionary<uint, GuestId>();
        foreach (var path in paths)
        {
            var parts = path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || !TryParseVmid(parts[^1], out var vmid))
            {
                continue;
            }

            var folder = parts.Length > 1 ? parts[^2] : "";
            var kind = folder switch
            {
                "qemu-server" => "VM",
                "lxc" => "CT",
                _ => "guest",
            };
            found.TryAdd(vmid, new GuestId(vmid, kind));
        }

        return [.. found.Values];
    }

    private static bool TryParseVmid(string fileName, out uint vmid)
    {
        vmid = 0;
        const string Suffix = ".conf";
        if (!fileName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName[..^Suffix.Length];
        return digits.Length > 0
            && digits.All(char.IsAsciiDigit)
            && uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out vmid);
    }
}
