using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>Input of <c>pvecm qdevice setup ADDRESS [--force]</c>.</summary>
/// <param name="ClusterConfig">The current /etc/pve/corosync.conf.</param>
/// <param name="QnetdAddress">IP of the external host running corosync-qnetd.</param>
/// <param name="OnlineNodeIds">Node ids currently in the membership (all must be online).</param>
/// <param name="Force">Allow an odd node count (lms algorithm, N-1 votes).</param>
public sealed record QdeviceSetupRequest(
    CorosyncConfig ClusterConfig,
    string QnetdAddress,
    IReadOnlyCollection<uint> OnlineNodeIds,
    bool Force = false);

/// <summary>Input of <c>pvecm qdevice remove</c>.</summary>
/// <param name="ClusterConfig">The current /etc/pve/corosync.conf.</param>
/// <param name="OnlineNodeIds">Node ids currently in the membership (all must be online).</param>
public sealed record QdeviceRemovalRequest(CorosyncConfig ClusterConfig, IReadOnlyCollection<uint> OnlineNodeIds);
