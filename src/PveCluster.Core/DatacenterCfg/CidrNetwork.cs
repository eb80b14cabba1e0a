using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PveCluster.Core.DatacenterCfg;

/// <summary>
/// An IPv4 or IPv6 network in CIDR notation. Host bits may be set (<c>10.1.2.3/24</c>), as Proxmox
/// accepts; <see cref="Network"/> holds the masked network and <see cref="Text"/> the original text.
/// </summary>
public sealed record CidrNetwork
{
    private CidrNetwork(string text, IPNetwork network)
    {
        Text = text;
        Network = network;
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>The network with host bits cleared.</summary>
    public IPNetwork Network { get; }

    /// <summary>Parses <c>ADDRESS/PREFIX</c>.</summary>
    /// <exception cref="FormatException">Not a valid IPv4 or IPv6 CIDR.</exception>
    public static CidrNetwork Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && IPAddress.TryParse(text.AsSpan(0, slash), out var address)
            && (address.AddressFamily == AddressFamily.InterNetworkV6
                ? address.ScopeId == 0
                : text[..slash].Count(c => c == '.') == 3)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            && prefix <= (address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
        {
            return new CidrNetwork(text, new IPNetwork(Mask(address, prefix), prefix));
        }

        throw new FormatException($"'{text}' is not a valid CIDR network (expected ADDRESS/PREFIX such as 10.0.0.0/24 or fd00::/64)");
    }

    /// <summary>True when <paramref name="address"/> is inside the network (IPv4-mapped IPv6 addresses count as IPv4).</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var candidate = address.IsIPv4MappedToIPv6 && Network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? address.MapToIPv4()
            : address;
        return Network.Contains(candidate);
    }

    /// <summary>The original text.</summary>
    public override string ToString() => Text;

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsHere = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsHere));
        }

        return new IPAddress(bytes);
    }
}
