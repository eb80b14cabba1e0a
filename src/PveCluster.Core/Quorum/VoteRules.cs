using System.Globalization;

namespace PveCluster.Core.Quorum;

/// <summary>
/// How many votes a node may carry. corosync reads <c>quorum_votes</c> and <c>expected_votes</c> as
/// signed 32-bit integers (a larger value makes it refuse the whole file), so one node's votes and
/// the sum of all nodes' votes (the expected votes) must both stay within 2147483647.
/// </summary>
public static class VoteRules
{
    /// <summary>The largest <c>quorum_votes</c> corosync accepts.</summary>
    public const ulong MaxNodeVotes = int.MaxValue;

    /// <summary>The largest sum of votes, because <c>expected_votes</c> is read like <c>quorum_votes</c>.</summary>
    public const ulong MaxTotalVotes = int.MaxValue;

    /// <summary>Why <paramref name="votes"/> cannot be one node's votes, or null when it can.</summary>
    public static string? CheckNodeVotes(ulong votes) =>
        votes > MaxNodeVotes
            ? string.Create(CultureInfo.InvariantCulture, $"votes {votes} is out of range: corosync accepts 0 to {MaxNodeVotes} votes per node")
            : null;

    /// <summary>Why the cluster's nodes cannot carry these votes together, or null when they can.</summary>
    public static string? CheckTotalVotes(IEnumerable<ulong> nodeVotes)
    {
        ArgumentNullException.ThrowIfNull(nodeVotes);
        ulong total = 0;
        foreach (var votes in nodeVotes)
        {
            if (votes > MaxTotalVotes - total)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"the nodes' votes would add up to more than {MaxTotalVotes}, the most expected_votes corosync accepts");
            }

            total += votes;
        }

        return null;
    }
}
