namespace PveCluster.Cfs.Views;

/// <summary>
/// Which cluster nodes are online right now and whether this partition is quorate, as the
/// generated views need it. Fed by the replication layer (CPG members of the file-tree group)
/// and the quorum monitor; local mode uses a view where only this node is online.
/// </summary>
public interface IClusterMembershipView
{
    bool IsQuorate { get; }

    bool IsOnline(uint nodeId);

    /// <summary>Raised after the online set or the quorate flag changed.</summary>
    event EventHandler? Changed;
}
