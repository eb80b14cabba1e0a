using PveCluster.Core.CorosyncConf;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Core.Lifecycle;

/// <summary>What the joining node knows about the cluster it wants to join.</summary>
/// <param name="ClusterName">totem.cluster_name, when known.</param>
/// <param name="PeerAddress">The member the join request goes to.</param>
/// <param name="LinkNumbers">The cluster's link numbers (from its totem interfaces).</param>
/// <param name="NodeAddresses">Known link addresses of cluster nodes (only the peer's when coming from a join blob).</param>
/// <param name="NodeNames">Known node names (empty when unknown).</param>
public sealed record JoinTarget(
    string? ClusterName,
    string PeerAddress,
    IReadOnlyList<int> LinkNumbers,
    IReadOnlyList<ClusterNodeAddress> NodeAddresses,
    IReadOnlyList<string> NodeNames)
{
    /// <summary>
    /// From the GUI's join information. The blob names only the peer's addresses; pass
    /// <paramref name="nodeNames"/> (for example from <c>GET /cluster/config/nodes</c>) to check name clashes.
    /// </summary>
    public static JoinTarget FromJoinInformation(JoinInformation info, IEnumerable<string>? nodeNames = null)
    {
        ArgumentNullException.ThrowIfNull(info);
        var peer = $"peer {info.IpAddress}";
        var addresses = info.PeerLinks.Select(p => new ClusterNodeAddress(peer, p.Key, p.Value)).ToList();
        return new JoinTarget(info.ClusterName, info.IpAddress, info.LinkNumbers, addresses, [.. nodeNames ?? []]);
    }

    /// <summary>From the cluster's corosync.conf (for example when the peer's config is available).</summary>
    public static JoinTarget FromConfig(CorosyncConfig config, string peerAddress)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrEmpty(peerAddress);
        var addresses = config.Nodes
            .SelectMany(n => n.LinkAddresses.Select(a => new ClusterNodeAddress(n.Name ?? "?", a.Key, a.Value)))
            .ToList();
        var links = new SortedSet<int>(addresses.Select(a => a.Link));
        foreach (var face in config.Totem?.Interfaces ?? [])
        {
            if (face.TryGetLinkNumber(out var link))
            {
                links.Add(link);
            }
        }

        return new JoinTarget(
            config.Totem?.ClusterName, peerAddress, [.. links], addresses, [.. config.Nodes.Select(n => n.Name).OfType<string>()]);
    }
}
