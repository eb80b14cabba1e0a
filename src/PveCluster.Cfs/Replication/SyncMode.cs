namespace PveCluster.Cfs.Replication;

/// <summary>Where a member is in the distributed state machine.</summary>
public enum SyncMode
{
    /// <summary>Not joined to the group (not started, or the corosync connection was lost).</summary>
    Start,

    /// <summary>A configuration change happened; members exchange their states.</summary>
    StartSync,

    /// <summary>All states are known; the leader's updates are being received.</summary>
    Update,

    /// <summary>The tree equals every other member's; ordered operations are applied as they arrive.</summary>
    Synced,

    /// <summary>The sync failed (or the disk did); writes are refused until the next configuration change resyncs.</summary>
    Error,
}
