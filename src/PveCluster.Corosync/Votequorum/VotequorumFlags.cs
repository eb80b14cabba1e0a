namespace PveCluster.Corosync.Votequorum;

/// <summary>VOTEQUORUM_INFO_* bits of <see cref="VotequorumInfo.Flags"/>.</summary>
[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Mirrors the C field votequorum_info.flags.")]
public enum VotequorumFlags : uint
{
    None = 0,
    TwoNode = 1,
    Quorate = 2,
    WaitForAll = 4,
    LastManStanding = 8,
    AutoTieBreaker = 16,
    AllowDownscale = 32,
    QdeviceRegistered = 64,
    QdeviceAlive = 128,
    QdeviceCastVote = 256,
    QdeviceMasterWins = 512,
}

/// <summary>votequorum node state (VOTEQUORUM_NODESTATE_*).</summary>
public enum VotequorumNodeState
{
    Unknown = 0,
    Member = 1,
    Dead = 2,
    Leaving = 3,
}
