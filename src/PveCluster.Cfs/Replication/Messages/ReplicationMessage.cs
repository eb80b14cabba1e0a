using PveCluster.Cfs.Tree;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Replication.Messages;

/// <summary>A message of the tree's CPG protocol.</summary>
internal abstract record ReplicationMessage;

/// <summary>An ordered tree operation; <paramref name="RequestId"/> lets the sender find its waiting caller.</summary>
internal sealed record NormalMessage(ulong RequestId, long Timestamp, TreeOperation Operation) : ReplicationMessage;

/// <summary>Sent by the first member after a configuration change; names the membership it is meant for.</summary>
internal sealed record SyncStartMessage(SyncEpoch Epoch, IReadOnlyList<CpgMember> Members) : ReplicationMessage;

/// <summary>A member's state in a sync round: its quorate epoch (see <c>ConfigDatabase.QuorateEpoch</c>) and its tree's index.</summary>
internal sealed record StateMessage(SyncEpoch Epoch, ulong QuorateEpoch, TreeIndex Index) : ReplicationMessage;

/// <summary>Entries from the leader that differ on at least one member.</summary>
internal sealed record UpdateMessage(SyncEpoch Epoch, IReadOnlyList<EntryData> Entries) : ReplicationMessage;

internal sealed record UpdateCompleteMessage(SyncEpoch Epoch) : ReplicationMessage;

/// <summary>
/// The sender holds (persisted) the adopted tree of round <paramref name="Epoch"/> and the first
/// <paramref name="Sequence"/> operations applied after it. Sent once per batch of applied operations.
/// </summary>
internal sealed record AppliedMessage(SyncEpoch Epoch, ulong Sequence) : ReplicationMessage;

/// <summary>Sent by the first member: everybody reports its tree checksum at this point of the stream.</summary>
internal sealed record VerifyRequestMessage(SyncEpoch Epoch, ulong Number) : ReplicationMessage;

/// <summary>A member's tree checksum (SHA-256) at the point of verify request <paramref name="Number"/>.</summary>
internal sealed record VerifyMessage(SyncEpoch Epoch, ulong Number, byte[] Digest) : ReplicationMessage;

/// <summary>
/// The votequorum notification the sender holds now: quorate or not for totem ring <paramref name="Ring"/>
/// with the nodes <paramref name="RingNodes"/> (sorted). Sent in every configuration and whenever it changes,
/// so the membership can take votequorum's verdict at one point of the ordered stream.
/// </summary>
internal sealed record VotequorumVerdictMessage(RingId Ring, bool Quorate, IReadOnlyList<uint> RingNodes) : ReplicationMessage
{
    public bool SameAs(VotequorumVerdictMessage other) =>
        Ring == other.Ring && Quorate == other.Quorate && RingNodes.SequenceEqual(other.RingNodes);
}
