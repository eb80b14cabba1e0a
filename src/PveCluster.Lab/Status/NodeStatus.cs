using PveCluster.Lab.Quorum;

namespace PveCluster.Lab.Status;

/// <summary>One node's line of `pvelab status`.</summary>
public sealed record NodeStatus(int Node, int? CorosyncPid, IReadOnlyList<LinkStatus> Links, QuorumToolStatus? Quorum, string? QuorumError);
