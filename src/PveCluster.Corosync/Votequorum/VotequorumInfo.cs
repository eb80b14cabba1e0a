using PveCluster.Core.Quorum;

namespace PveCluster.Corosync.Votequorum;

/// <summary>
/// <c>votequorum_getinfo</c> for one node. Expected/highest/total/quorum describe the partition as
/// seen by the local node; the qdevice fields describe the quorum device (name empty when none).
/// </summary>
public sealed record VotequorumInfo(
    uint NodeId,
    VotequorumNodeState NodeState,
    uint NodeVotes,
    uint ExpectedVotes,
    uint HighestExpected,
    uint TotalVotes,
    uint Quorum,
    VotequorumFlags Flags,
    uint QdeviceVotes,
    string QdeviceName)
{
    public bool IsQuorate => Flags.HasFlag(VotequorumFlags.Quorate);

    public bool HasQdevice => Flags.HasFlag(VotequorumFlags.QdeviceRegistered);
}

/// <summary>A node in a votequorum notification.</summary>
public readonly record struct VotequorumNode(uint NodeId, VotequorumNodeState State);

/// <summary>The votequorum quorum notification: quorate flag plus every known node with its state.</summary>
public sealed record VotequorumMembership(bool IsQuorate, IReadOnlyList<VotequorumNode> Nodes);

/// <summary>The quorum device as one node sees it (from that node's votequorum_getinfo flags).</summary>
public sealed record VotequorumQdevice(string Name, uint Votes, bool Alive, bool CastsVote, bool MasterWins);
