namespace PveCluster.Core.Quorum;

/// <summary>Everything <c>corosync-quorumtool -s</c> shows, captured at one moment.</summary>
/// <param name="Date">When the snapshot was taken, in the local time zone to print.</param>
/// <param name="QuorumProvider">The quorum provider, normally <c>corosync_votequorum</c>.</param>
/// <param name="LocalNodeId">This node's id.</param>
/// <param name="RingId">The current ring id.</param>
/// <param name="IsQuorate">Whether this partition is quorate.</param>
/// <param name="ExpectedVotes">This node's expected votes.</param>
/// <param name="HighestExpected">The highest expected votes in the partition.</param>
/// <param name="TotalVotes">Votes present.</param>
/// <param name="Quorum">Votes needed.</param>
/// <param name="Flags">This node's votequorum flags.</param>
/// <param name="Qdevice">The registered quorum device, or null.</param>
/// <param name="Members">The partition's members, in the order to print (corosync sorts by address).</param>
public sealed record QuorumStatusSnapshot(
    DateTimeOffset Date,
    string QuorumProvider,
    uint LocalNodeId,
    RingId RingId,
    bool IsQuorate,
    int ExpectedVotes,
    int HighestExpected,
    int TotalVotes,
    int Quorum,
    VotequorumFlags Flags,
    QdeviceStatus? Qdevice,
    IReadOnlyList<MemberStatus> Members)
{
    /// <summary>The provider name corosync reports for votequorum.</summary>
    public const string VotequorumProvider = "corosync_votequorum";

    /// <summary>The qdevice column is shown when any member has a registered qdevice.</summary>
    public bool ShowsQdevice => Members.Any(m => m.Flags.HasFlag(VotequorumFlags.QdeviceRegistered));

    /// <summary>The local member row, if present.</summary>
    public MemberStatus? LocalMember => Members.FirstOrDefault(m => m.NodeId == LocalNodeId);
}
