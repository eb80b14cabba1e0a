namespace PveCluster.Core.Quorum;

/// <summary>The corosync-qnetd decision algorithm.</summary>
public enum QdeviceAlgorithm
{
    /// <summary><c>ffsplit</c>: one vote to exactly one half of a 50:50 split. Used for even node counts.</summary>
    FiftyFiftySplit,

    /// <summary><c>lms</c>: last man standing, N-1 votes. Proxmox only uses it for odd node counts when forced.</summary>
    LastManStanding,
}
