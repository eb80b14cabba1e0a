using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>Input of <c>pvecm delnode</c> / <c>DELETE /cluster/config/nodes/{node}</c>.</summary>
/// <param name="ClusterConfig">The current /etc/pve/corosync.conf.</param>
/// <param name="Node">The node to remove: its name or one of its link addresses.</param>
/// <param name="LocalNodeName">The node running the command (it cannot remove itself).</param>
/// <param name="IsQuorate">Whether this partition is quorate.</param>
/// <param name="OnlineNodeIds">Node ids currently in the membership.</param>
public sealed record DeleteNodeRequest(
    CorosyncConfig ClusterConfig,
    string Node,
    string LocalNodeName,
    bool IsQuorate,
    IReadOnlyCollection<uint> OnlineNodeIds);
