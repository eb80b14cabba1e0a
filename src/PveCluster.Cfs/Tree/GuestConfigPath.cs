using System.Globalization;

namespace PveCluster.Cfs.Tree;

/// <summary>
/// Recognises guest configs (nodes/&lt;node&gt;/qemu-server/&lt;id&gt;.conf and nodes/&lt;node&gt;/lxc/&lt;id&gt;.conf),
/// whose id must be unique in the whole cluster.
/// </summary>
internal readonly record struct GuestConfigPath(string Node, string Type, uint GuestId)
{
    public static readonly string[] GuestTypes = ["qemu-server", "lxc"];

    public const string NodesDirectory = "nodes";

    /// <summary>Path components of a config: nodes, the node, the guest type, the file.</summary>
    public const int Depth = 4;

    public static GuestConfigPath? TryParse(IReadOnlyList<string> components)
    {
        if (components.Count != Depth || components[0] != NodesDirectory || Array.IndexOf(GuestTypes, components[2]) < 0)
        {
            return null;
        }

        return TryParseFileName(components[3]) is { } id ? new GuestConfigPath(components[1], components[2], id) : null;
    }

    public static uint? TryParseFileName(string name)
    {
        if (!name.EndsWith(".conf", StringComparison.Ordinal))
        {
            return null;
        }

        var digits = name.AsSpan(0, name.Length - ".conf".Length);
        if (digits.Length == 0 || digits[0] == '0')
        {
            return null;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return null;
            }
        }

        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
