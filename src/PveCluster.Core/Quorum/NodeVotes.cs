namespace PveCluster.Core.Quorum;

/// <summary>A nodelist entry as votequorum sees it.</summary>
/// <param name="NodeId">The corosync node id (never 0: id 0 is the qdevice).</param>
/// <param name="Votes">The node's <c>quorum_votes</c> (corosync default 1).</param>
public sealed record NodeVotes(uint NodeId, int Votes = 1);
