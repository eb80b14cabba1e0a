namespace PveCluster.Lifecycle.Join;

/// <summary>What the cluster member sends back to a joining node.</summary>
/// <param name="CorosyncConf">The new cluster corosync.conf (already written to the cluster's /etc/pve).</param>
/// <param name="AuthKey">The cluster's corosync authkey.</param>
/// <param name="Warnings">Findings of the member's plan that did not block the join.</param>
public sealed record AddNodeReply(string CorosyncConf, byte[] AuthKey, IReadOnlyList<string> Warnings);
