using System.Globalization;
using System.Net;

namespace PveCluster.Gui.Forms;

/// <summary>Which of this node's addresses sits in the same subnet as a peer's link address.</summary>
public static class Subnets
{
    /// <param name="localCidrs">This node's addresses with prefix length, e.g. <c>10.1.0.2/24</c>.</param>
    /// <param name="peerAddress">The peer's address on the link.</param>
    /// <returns>The local address whose subnet contains <paramref name="peerAddress"/>, or null.</returns>
    public static string? LocalAddressReaching(IEnumerable<string> localCidrs, string peerAddress)
    {
        ArgumentNullException.ThrowIfNull(localCidrs);
        if (!IPAddress.TryParse(peerAddress, out var peer))
        {
            return null;
        }

        foreach (var cidr in localCidrs)
        {
            var slash = cidr.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0
                || !IPAddress.TryParse(cidr.AsSpan(0, slash), out var local)
                || !int.TryParse(cidr.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
                || local.AddressFamily != peer.AddressFamily
                || local.Equals(peer))
            {
                continue;
            }

            if (new IPNetwork(Masked(local, prefix), prefix).Contains(peer))
            {
                return local.ToString();
            }
        }

        return null;
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
