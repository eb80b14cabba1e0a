namespace PveCluster.Core.Quorum;

/// <summary>What <c>pvecm expected N</c> will do to the local partition.</summary>
/// <param name="ExpectedVotes">The new expected votes.</param>
/// <param name="Quorum">The new quorum.</param>
/// <param name="WillBeQuorate">Whether the partition is quorate afterwards.</param>
/// <param name="Warning">A caution for the operator, or null.</param>
public sealed record ExpectedVotesPlan(int ExpectedVotes, int Quorum, bool WillBeQuorate, string? Warning);
