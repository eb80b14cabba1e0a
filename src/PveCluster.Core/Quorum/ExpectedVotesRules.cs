namespace PveCluster.Core.Quorum;

/// <summary>
/// Rules for changing expected votes at run time (<c>pvecm expected</c>, <c>votequorum_setexpected</c>).
/// Verified in the lab against corosync 3.1.7: on a quorate 3-vote partition 5 is accepted, 6 and 2
/// are refused; on an isolated 1-vote node 1 is accepted.
/// </summary>
public static class ExpectedVotesRules
{
    /// <summary>Checks <paramref name="requested"/> against the partition's current state and predicts the result.</summary>
    /// <exception cref="QuorumRuleException">corosync would reject the value (it answers CS_ERR_INVALID_PARAM).</exception>
    public static ExpectedVotesPlan Plan(QuorumState current, int requested)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (requested < 1)
        {
            throw new QuorumRuleException($"expected votes must be a positive number, got {requested}");
        }

        if (requested < current.TotalVotes)
        {
            throw new QuorumRuleException(
                $"expected votes {requested} is lower than the {current.TotalVotes} votes present in this partition; " +
                $"corosync refuses that (CS_ERR_INVALID_PARAM). Use at least {current.TotalVotes}.");
        }

        var twoNode = current.Flags.HasFlag(VotequorumFlags.TwoNode);
        var quorum = twoNode ? 1 : VotequorumCalculator.QuorumFor(requested);
        if (current.IsQuorate && quorum > current.TotalVotes)
        {
            throw new QuorumRuleException(
                $"expected votes {requested} would raise quorum to {quorum} while only {current.TotalVotes} votes are present, " +
                "so this quorate partition would lose quorum; corosync refuses that (CS_ERR_INVALID_PARAM). " +
                $"Use at most {MaxKeepingQuorum(current.TotalVotes)}.");
        }

        var warning = requested < current.ExpectedVotes
            ? $"Lowering expected votes from {current.ExpectedVotes} to {requested} lets this partition act without the missing " +
              "nodes. Do this only when they are certainly down: if they run on their own as well, the cluster splits brain."
            : null;
        return new ExpectedVotesPlan(requested, quorum, current.TotalVotes >= quorum, warning);
    }

    /// <summary>The largest expected votes that keeps <paramref name="totalVotes"/> quorate (2 * total - 1).</summary>
    public static int MaxKeepingQuorum(int totalVotes) => Math.Max(1, (2 * totalVotes) - 1);
}
