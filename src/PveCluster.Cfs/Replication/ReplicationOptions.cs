namespace PveCluster.Cfs.Replication;

/// <summary>Timing of the replicated tree.</summary>
public sealed record ReplicationOptions
{
    /// <summary>
    /// How long a caller waits for its operation to be held by a quorum before it gets EIO. Long
    /// enough for corosync to notice a lost member (token + consensus, about 8 s with the defaults)
    /// and for the following sync.
    /// </summary>
    public TimeSpan AcknowledgementTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the first member asks everybody to compare tree checksums (the reference pmxcfs: hourly).</summary>
    public TimeSpan VerifyInterval { get; init; } = TimeSpan.FromHours(1);
}
