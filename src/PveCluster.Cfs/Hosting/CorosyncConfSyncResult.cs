namespace PveCluster.Cfs.Hosting;

/// <summary>What one synchronisation pass did.</summary>
internal enum CorosyncConfSyncResult
{
    /// <summary>The tree has no corosync.conf (not a cluster).</summary>
    NoClusterConfig,

    /// <summary>The local file already has the same or a newer config_version.</summary>
    UpToDate,

    /// <summary>The cluster copy was installed and corosync was asked to reload.</summary>
    Installed,

    /// <summary>Installed, but the reload request failed (corosync down?); it reads the file when it starts.</summary>
    InstalledNotReloaded,

    /// <summary>The cluster copy is invalid and was not installed.</summary>
    Rejected,
}
