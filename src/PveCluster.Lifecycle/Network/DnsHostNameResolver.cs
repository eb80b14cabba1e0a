using System.Net;
using System.Net.Sockets;

namespace PveCluster.Lifecycle.Network;

/// <summary>The system resolver (getaddrinfo: /etc/hosts, then DNS, ordered by gai.conf).</summary>
public sealed class DnsHostNameResolver : IHostNameResolver
{
    public static DnsHostNameResolver Instance { get; } = new();

    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string hostName, CancellationToken cancellationToken)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(hostName, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
