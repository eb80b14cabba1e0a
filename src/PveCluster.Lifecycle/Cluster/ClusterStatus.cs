using PveCluster.Core.Quorum;

namespace PveCluster.Lifecycle.Cluster;

/// <summary>What pvecm shows about the local node's cluster at one moment.</summary>
public sealed record ClusterStatus(ClusterInfo Cluster, QuorumStatusSnapshot Quorum);
