using System.Net;
using System.Net.Sockets;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The address other nodes and clients use for a node's API (<c>pve_addr</c>): what pmxcfs reports in
/// <c>.members</c>, else what the node name resolves to (cached, see <see cref="HostAddressCache"/>), like Proxmox.
/// </summary>
public sealed class NodeAddressResolver(MembersReader members, HostAddressCache dns)
{
    public async Task<string?> ResolveAsync(string node, CancellationToken cancellationToken)
    {
        if (members.TryRead()?.Nodes is { } nodes
            && nodes.FirstOrDefault(n => string.Equals(n.Key, node, StringComparison.OrdinalIgnoreCase)).Value?.Ip is { Length: > 0 } ip)
        {
            return ip;
        }

        var addresses = await dns.ResolveAsync(node, cancellationToken).ConfigureAwait(false);
        var usable = addresses.Where(a => !IPAddress.IsLoopback(a)).ToList();
        var preferred = usable.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? usable.FirstOrDefault();
        return preferred?.ToString();
    }
}
