using System.Net;
using System.Net.Sockets;
using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// The IP addresses configured on this host (as <c>ip -j addr</c> lists them). Comparison is by
/// canonical IP, so <c>fd00:0::1</c> matches <c>fd00::1</c>; a <c>/prefix</c> or <c>%scope</c> suffix is ignored.
/// </summary>
public sealed class LocalAddressSet
{
    private readonly HashSet<IPAddress> _addresses;

    /// <exception cref="ArgumentException">An entry is not an IP address.</exception>
    public LocalAddressSet(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        _addresses = [];
        foreach (var entry in addresses)
        {
            if (TryParse(entry, out var ip))
            {
                _addresses.Add(ip);
            }
            else
            {
                throw new ArgumentException($"local address '{entry}' is not an IP address", nameof(addresses));
            }
        }
    }

    /// <summary>The addresses in canonical text, sorted, for messages.</summary>
    public IReadOnlyList<string> Canonical => [.. _addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal)];

    /// <summary>True when <paramref name="address"/> is an IP literal configured on this host.</summary>
    public bool Contains(string address) => TryParse(address, out var ip) && _addresses.Contains(ip);

    /// <summary>Parses an IP literal, ignoring a <c>/prefix</c> and an IPv6 <c>%scope</c>.</summary>
    internal static bool TryParse(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var plain = text.Trim();
        var slash = plain.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            plain = plain[..slash];
        }

        var percent = plain.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            plain = plain[..percent];
        }

        if (!IPAddress.TryParse(plain, out var parsed)
            || parsed.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return true;
    }

    internal static bool IsLoopback(string address) => TryParse(address, out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>"IPv4" or "IPv6" for IP literals, null for host names and invalid text.</summary>
    internal static string? FamilyOf(string address) =>
        LinkAddress.TryClassify(address, out var kind, out _) && kind != LinkAddressKind.HostName ? kind.ToString() : null;

    internal static bool SameAddress(string a, string b) =>
        TryParse(a, out var x) && TryParse(b, out var y)
            ? x.Equals(y)
            : string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
