namespace PveCluster.Corosync.Votequorum;

/// <summary>votequorum node state (VOTEQUORUM_NODESTATE_*).</summary>
public enum VotequorumNodeState
{
    Unknown = 0,
    Member = 1,
    Dead = 2,
    Leaving = 3,
}
