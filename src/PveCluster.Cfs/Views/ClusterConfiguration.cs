namespace PveCluster.Cfs.Views;

/// <summary>One node of the cluster's corosync.conf nodelist; <paramref name="Address"/> is its link 0 address.</summary>
internal sealed record ClusterNode(string Name, uint NodeId, string? Address);

/// <summary>What the views need from the cluster's corosync.conf.</summary>
internal sealed record ClusterConfiguration(string ClusterName, ulong ConfigVersion, IReadOnlyList<ClusterNode> Nodes);
