namespace PveCluster.Lab.Quorum;

/// <summary>One row of the membership table of `corosync-quorumtool -s`.</summary>
public sealed record QuorumMember(int NodeId, int Votes, string Name, bool IsLocal);
