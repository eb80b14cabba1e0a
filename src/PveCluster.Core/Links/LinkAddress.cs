using System.Net;
using System.Net.Sockets;

namespace PveCluster.Core.Links;

/// <summary>Syntax rules for a corosync link address (an IP literal or a host name).</summary>
public static class LinkAddress
{
    private const int MaxHostNameLength = 253;
    private const int MaxLabelLength = 63;

    /// <summary>Classifies <paramref name="address"/>, or returns an explanation of why it is not a valid address.</summary>
    public static bool TryClassify(string address, out LinkAddressKind kind, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(address);
        kind = LinkAddressKind.HostName;
        problem = null;

        if (address.Length == 0)
        {
            problem = "address must not be empty";
            return false;
        }

        if (address.Contains(':', StringComparison.Ordinal))
        {
            // Only IPv6 literals contain ':'; scope ids and brackets are not valid in corosync.conf.
            if (!address.Contains('%', StringComparison.Ordinal)
                && IPAddress.TryParse(address, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                kind = LinkAddressKind.IPv6;
                return true;
            }

            problem = $"'{address}' is not a valid IPv6 address";
            return false;
        }

        if (LooksLikeIPv4(address))
        {
            if (IsStrictIPv4(address))
            {
                kind = LinkAddressKind.IPv4;
                return true;
            }

            problem = $"'{address}' is not a valid IPv4 address";
            return false;
        }

        problem = HostNameProblem(address);
        return problem is null;
    }

    /// <summary>True when <paramref name="address"/> is an IPv4 or IPv6 literal.</summary>
    public static bool IsIpLiteral(string address) =>
        TryClassify(address, out var kind, out _) && kind != LinkAddressKind.HostName;

    /// <summary>
    /// The form used to compare addresses for duplicates: IP literals in canonical text
    /// (so <c>fd00::1</c> equals <c>fd00:0::1</c>), host names lower-cased.
    /// </summary>
    public static string CanonicalKey(string address)
    {
        if (TryClassify(address, out var kind, out _) && kind != LinkAddressKind.HostName)
        {
            return IPAddress.Parse(address).ToString();
        }

        return address.ToLowerInvariant();
    }

    private static bool LooksLikeIPv4(string address) =>
        address.All(c => char.IsAsciiDigit(c) || c == '.');

    // IPAddress.Parse accepts "1", "1.2" and octal-ish forms; corosync and Proxmox want dotted quads.
    private static bool IsStrictIPv4(string address)
    {
        var parts = address.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0') || int.Parse(part, System.Globalization.CultureInfo.InvariantCulture) > 255)
            {
                return false;
            }
        }

        return true;
    }

    private static string? HostNameProblem(string name)
    {
        if (name.Length > MaxHostNameLength)
        {
            return $"host name '{name}' is longer than {MaxHostNameLength} characters";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"host name '{name}' has an empty label";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"host name '{name}' has a label longer than {MaxLabelLength} characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"host name '{name}' has a label that starts or ends with '-'";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"'{name}' is neither an IP address nor a valid host name (allowed: letters, digits, '-' and '.')";
            }
        }

        return null;
    }
}
