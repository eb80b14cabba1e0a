using PveCluster.Core.Quorum;

namespace PveCluster.Cli.Cluster;

/// <summary>What pvecm shows about the local node's cluster at one moment.</summary>
internal sealed record ClusterStatus(ClusterInfo Cluster, QuorumStatusSnapshot Quorum);
