using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PveCluster.Api.Network;

/// <summary>
/// The node's live interfaces and addresses (not /etc/network/interfaces): these are what corosync can bind to.
/// Loopback is left out, as in Proxmox; IPv6 link-local addresses too, since corosync links cannot use them.
/// </summary>
public static class NetworkInterfaceLister
{
    private const string SysClassNet = "/sys/class/net";

    public static List<NetworkInterfaceEntry> List() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .OrderBy(i => i.Name, StringComparer.Ordinal)
            .Select(Describe),
    ];

    private static NetworkInterfaceEntry Describe(NetworkInterface nic)
    {
        var properties = nic.GetIPProperties();
        var v4 = properties.UnicastAddresses.FirstOrDefault(a => a.Address.AddressFamily == AddressFamily.InterNetwork);
        var v6 = properties.UnicastAddresses.FirstOrDefault(a =>
            a.Address.AddressFamily == AddressFamily.InterNetworkV6 && !a.Address.IsIPv6LinkLocal);
        var gateways = properties.GatewayAddresses.Select(g => g.Address).ToList();
        var families = new List<string>();
        if (v4 is not null)
        {
            families.Add("inet");
        }

        if (v6 is not null)
        {
            families.Add("inet6");
        }

        return new NetworkInterfaceEntry
        {
            Iface = nic.Name,
            Type = Classify(nic.Name),
            Active = nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown ? 1 : 0,
            Address = v4?.Address.ToString(),
            Netmask = v4 is null ? null : v4.IPv4Mask.ToString(),
            Cidr = v4 is null ? null : Cidr(v4),
            Address6 = v6?.Address.ToString(),
            Netmask6 = v6?.PrefixLength.ToString(CultureInfo.InvariantCulture),
            Cidr6 = v6 is null ? null : Cidr(v6),
            Gateway = gateways.FirstOrDefault(g => g.AddressFamily == AddressFamily.InterNetwork)?.ToString(),
            Gateway6 = gateways.FirstOrDefault(g => g.AddressFamily == AddressFamily.InterNetworkV6)?.ToString(),
            Families = families,
        };
    }

    private static string Cidr(UnicastIPAddressInformation address) =>
        $"{address.Address}/{address.PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    // sysfs tells what kind of device it is; NetworkInterfaceType reports almost everything as Ethernet.
    private static string Classify(string name)
    {
        var path = Path.Combine(SysClassNet, name);
        if (Directory.Exists(Path.Combine(path, "bridge")))
        {
            return "bridge";
        }

        if (Directory.Exists(Path.Combine(path, "bonding")))
        {
            return "bond";
        }

        if (File.Exists(Path.Combine("/proc/net/vlan", name)))
        {
            return "vlan";
        }

        return Directory.Exists(Path.Combine(path, "device")) || name.StartsWith("veth", StringComparison.Ordinal) ? "eth" : "unknown";
    }
}
