namespace PveCluster.Core.Lifecycle;

/// <summary>A cluster node's address on one link.</summary>
public sealed record ClusterNodeAddress(string Node, int Link, string Address);
