using System.Net;
using System.Net.Sockets;
using PveCluster.Core.Text;

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
            if (address.AsSpan().IndexOfAny("%[]") < 0
                && IPAddress.TryParse(address, out var v6)
                && v6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                kind = LinkAddressKind.IPv6;
                return true;
            }

            problem = $"'{CharNames.Printable(address)}' is not a valid IPv6 address";
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

    /// <summary>
    /// Why a valid IP literal cannot carry a corosync link, or null. The unspecified, loopback,
    /// multicast and broadcast addresses parse fine but never reach another node: knet would bind
    /// to them and the node would stay alone (or, for 0.0.0.0 and ::, the other nodes could not
    /// dial it back).
    /// </summary>
    public static string? UnusableIpProblem(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!TryClassify(address, out var kind, out _) || kind == LinkAddressKind.HostName)
        {
            return null;
        }

        var ip = IPAddress.Parse(address);
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        var what = ip switch
        {
            _ when ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any) => "the unspecified address",
            _ when IPAddress.IsLoopback(ip) => "a loopback address",
            _ when ip.Equals(IPAddress.Broadcast) => "the broadcast address",
            _ when ip.IsIPv6Multicast || (ip.AddressFamily == AddressFamily.InterNetwork && (ip.GetAddressBytes()[0] & 0xF0) == 0xE0) =>
                "a multicast address",
            _ => null,
        };
        return what is null
            ? null
            : $"'{address}' is {what}; a link needs this node's unicast address on the network the other nodes reach it by";
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
        var shown = CharNames.Printable(name);
        if (name.Length > MaxHostNameLength)
        {
            return $"host name '{CharNames.Printable(name)[..32]}...' is longer than {MaxHostNameLength} characters";
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0)
            {
                return $"host name '{shown}' has an empty label";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"host name '{shown}' has a label longer than {MaxLabelLength} characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"host name '{shown}' has a label that starts or ends with '-'";
            }

            if (!label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"'{shown}' is neither an IP address nor a valid host name (allowed: letters, digits, '-' and '.')";
            }
        }

        return null;
    }
}
