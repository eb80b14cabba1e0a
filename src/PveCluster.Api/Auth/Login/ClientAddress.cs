using System.Net;
using System.Net.Sockets;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// The client a login is counted against: an IPv4 address, or the /64 network of an IPv6 address (one host usually
/// owns a whole /64, so counting single IPv6 addresses would let it guess without limit).
/// </summary>
public readonly record struct ClientAddress(string Key, string? Display)
{
    public static ClientAddress From(IPAddress? address)
    {
        if (address is null)
        {
            return new ClientAddress("unknown", null);
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return new ClientAddress(address.ToString(), address.ToString());
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new ClientAddress(new IPAddress(bytes) + "/64", address.ToString());
    }
}
