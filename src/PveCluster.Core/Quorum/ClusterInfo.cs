namespace PveCluster.Core.Quorum;

/// <summary>The "Cluster information" header that <c>pvecm status</c> prints from corosync.conf's totem section.</summary>
/// <param name="Name">totem.cluster_name.</param>
/// <param name="ConfigVersion">totem.config_version.</param>
/// <param name="Transport">totem.transport (knet).</param>
/// <param name="SecureAuth">totem.secauth (on/off).</param>
public sealed record ClusterInfo(string Name, string ConfigVersion, string Transport, string SecureAuth);
