using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Links;

namespace PveCluster.Core.Lifecycle;

/// <summary>A join request as the receiving cluster member sees it (<c>POST /cluster/config/nodes/{node}</c>).</summary>
/// <param name="ClusterConfig">The current /etc/pve/corosync.conf.</param>
/// <param name="NodeName">The joining node's name.</param>
/// <param name="Links">The joining node's link addresses (empty when only <paramref name="FallbackAddress"/> is sent).</param>
/// <param name="IsQuorate">Whether this member's partition is quorate.</param>
/// <param name="NodeId">Requested node id, or null for the lowest free one.</param>
/// <param name="Votes">Requested votes (0 allowed), or null for 1.</param>
/// <param name="FallbackAddress"><c>new_node_ip</c>: used for the only link of a single-link cluster when no links are given.</param>
/// <param name="Force">Replace an existing node of the same name (same node id and votes only).</param>
public sealed record AddNodeRequest(
    CorosyncConfig ClusterConfig,
    string NodeName,
    IReadOnlyList<LinkSpec> Links,
    bool IsQuorate,
    ulong? NodeId = null,
    ulong? Votes = null,
    string? FallbackAddress = null,
    bool Force = false);
