using PveCluster.Lab.Quorum;

namespace PveCluster.Lab.Status;

/// <summary>One node's line of `pvelab status`; <paramref name="Services"/> names the node services running.</summary>
public sealed record NodeStatus(
    int Node, int? CorosyncPid, IReadOnlyList<LinkStatus> Links, QuorumToolStatus? Quorum, string? QuorumError, IReadOnlyList<string> Services);
