using System.Buffers;
using PveCluster.Core.Text;

namespace PveCluster.Core.Names;

/// <summary>
/// Naming rules for nodes and clusters. Both follow the Proxmox <c>pve-node</c> format, which is a
/// single DNS host name label: letters, digits and '-', not starting or ending with '-', 1..63
/// characters, no dots. Cluster names are further limited to 15 characters, the limit of the GUI
/// and of <c>totem.cluster_name</c> as Proxmox uses it.
/// </summary>
public static class NameRules
{
    /// <summary>Longest valid node name (a DNS label).</summary>
    public const int MaxNodeNameLength = 63;

    /// <summary>Longest valid cluster name.</summary>
    public const int MaxClusterNameLength = 15;

    private static readonly SearchValues<char> LabelCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>Checks a node name.</summary>
    public static NameCheck CheckNodeName(string? name) => CheckLabel("node name", name, MaxNodeNameLength);

    /// <summary>Checks a cluster name.</summary>
    public static NameCheck CheckClusterName(string? name) => CheckLabel("cluster name", name, MaxClusterNameLength);

    /// <summary>True when <paramref name="name"/> is a valid node name.</summary>
    public static bool IsValidNodeName(string? name) => CheckNodeName(name).IsValid;

    /// <summary>True when <paramref name="name"/> is a valid cluster name.</summary>
    public static bool IsValidClusterName(string? name) => CheckClusterName(name).IsValid;

    private static NameCheck CheckLabel(string what, string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name))
        {
            return NameCheck.Fail($"{what} must not be empty");
        }

        var shown = CharNames.Printable(name);
        if (name.Length > maxLength)
        {
            return NameCheck.Fail($"{what} '{shown}' is {name.Length} characters long; at most {maxLength} are allowed");
        }

        if (name.Contains('.', StringComparison.Ordinal))
        {
            return NameCheck.Fail($"{what} '{shown}' must not contain '.' (use the short host name, not the FQDN)");
        }

        // An index, not FirstOrDefault: a NUL is default(char) and would pass unnoticed.
        var bad = name.AsSpan().IndexOfAnyExcept(LabelCharacters);
        if (bad >= 0)
        {
            return NameCheck.Fail($"{what} '{shown}' contains {CharNames.Describe(name[bad])}; only letters, digits and '-' are allowed");
        }

        if (name[0] == '-' || name[^1] == '-')
        {
            return NameCheck.Fail($"{what} '{shown}' must not start or end with '-'");
        }

        return NameCheck.Ok;
    }
}
