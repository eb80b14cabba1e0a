namespace PveCluster.Cfs.Replication;

/// <summary>
/// Decides whether a set of nodes holds a quorum of the cluster's configured votes. The replicated
/// tree asks it about CPG memberships and about the members that reported an operation, so every
/// member that holds the same configuration gets the same answer at the same point of the stream.
/// </summary>
public interface IVoteQuorum
{
    bool IsQuorate(IReadOnlyCollection<uint> nodeIds);
}
