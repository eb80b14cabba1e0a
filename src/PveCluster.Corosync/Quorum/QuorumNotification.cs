using PveCluster.Core.Quorum;

namespace PveCluster.Corosync.Quorum;

/// <summary>One libquorum notification: quorate flag, ring id and the member node ids in corosync's order.</summary>
public sealed record QuorumNotification(bool IsQuorate, RingId RingId, IReadOnlyList<uint> Members);
