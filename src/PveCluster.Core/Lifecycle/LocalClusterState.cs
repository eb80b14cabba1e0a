namespace PveCluster.Core.Lifecycle;

/// <summary>What the caller found on this host that shows it already is, or was, in a cluster.</summary>
/// <param name="HasClusterConf"><c>/etc/pve/corosync.conf</c> exists.</param>
/// <param name="HasLocalCorosyncConf"><c>/etc/corosync/corosync.conf</c> exists.</param>
/// <param name="HasAuthKey"><c>/etc/corosync/authkey</c> exists.</param>
/// <param name="CorosyncRunning">corosync answers (for example <c>corosync-quorumtool -l</c> succeeds).</param>
public sealed record LocalClusterState(
    bool HasClusterConf = false,
    bool HasLocalCorosyncConf = false,
    bool HasAuthKey = false,
    bool CorosyncRunning = false)
{
    /// <summary>A host that has never been in a cluster.</summary>
    public static LocalClusterState Standalone { get; } = new();

    internal const string ClusterConfPath = "/etc/pve/corosync.conf";
    internal const string LocalConfPath = "/etc/corosync/corosync.conf";
    internal const string AuthKeyPath = "/etc/corosync/authkey";
}
