namespace PveCluster.Core.Quorum;

/// <summary>The quorum view of one partition, as votequorum would compute it.</summary>
/// <param name="MemberCount">Number of nodes in the partition.</param>
/// <param name="TotalVotes">Votes present, including the qdevice vote when it is cast.</param>
/// <param name="ExpectedVotes">Expected votes (never below <paramref name="TotalVotes"/>).</param>
/// <param name="HighestExpected">Highest expected votes among the members (equal to ExpectedVotes in this model).</param>
/// <param name="Quorum">Votes needed for quorum.</param>
/// <param name="IsQuorate">Whether the partition has quorum.</param>
/// <param name="Flags">The node-wide votequorum flags this state implies.</param>
public sealed record QuorumState(
    int MemberCount,
    int TotalVotes,
    int ExpectedVotes,
    int HighestExpected,
    int Quorum,
    bool IsQuorate,
    VotequorumFlags Flags)
{
    /// <summary>Votes that may still be lost before quorum is lost (negative when already inquorate).</summary>
    public int SpareVotes => TotalVotes - Quorum;
}
