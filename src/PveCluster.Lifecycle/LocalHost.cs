using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace PveCluster.Lifecycle;

/// <summary>The real host: interfaces from System.Net.NetworkInformation, names from the resolver (/etc/hosts first).</summary>
/// <param name="nodeName">This node's name; pve-api passes the one it serves (<c>--node</c>).</param>
public sealed class LocalHost(string nodeName) : ILocalHost
{
    /// <summary>The node named by the host name, as pmxcfs names it.</summary>
    public LocalHost()
        : this(FromHostName(Environment.MachineName))
    {
    }

    public string NodeName { get; } = nodeName;

    public IReadOnlyList<string> LocalAddresses() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new IPAddress(a.GetAddressBytes()).ToString())
            .Distinct(StringComparer.Ordinal),
    ];

    public string? ResolveNodeAddress()
    {
        try
        {
            var addresses = Dns.GetHostAddresses(NodeName);
            var preferred = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            return preferred?.ToString();
        }
        catch (SocketException)
        {
            return null;
        }
    }

    internal static string FromHostName(string hostName)
    {
        var dot = hostName.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? hostName[..dot] : hostName;
    }
}
