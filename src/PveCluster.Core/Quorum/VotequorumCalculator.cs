namespace PveCluster.Core.Quorum;

/// <summary>
/// Votequorum's arithmetic, reproduced so that commands can explain and predict quorum before they
/// act. Mirrors corosync 3.1 <c>calculate_quorum</c>/<c>are_we_quorate</c>; last_man_standing,
/// auto_tie_breaker and allow_downscale are not modelled (Proxmox does not configure them).
/// </summary>
public static class VotequorumCalculator
{
    /// <summary>The majority rule: <c>floor(expected / 2) + 1</c>.</summary>
    public static int QuorumFor(int expectedVotes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVotes);
        return (expectedVotes / 2) + 1;
    }

    /// <summary>The quorum state of the partition made of <paramref name="presentNodeIds"/>.</summary>
    /// <param name="config">The cluster's votequorum configuration.</param>
    /// <param name="presentNodeIds">Nodes in this partition; each must be in the nodelist.</param>
    /// <param name="qdeviceCastsVote">True when the qdevice votes for this partition.</param>
    /// <param name="runtimeExpectedVotes">A runtime override (<c>pvecm expected</c>); null uses the configured value.</param>
    /// <param name="waitForAllPending">
    /// True while wait_for_all has not yet seen every node at once (after a cold start); with
    /// wait_for_all enabled the partition then stays inquorate until all expected votes are present.
    /// </param>
    public static QuorumState Evaluate(
        VotequorumConfig config,
        IEnumerable<uint> presentNodeIds,
        bool qdeviceCastsVote = false,
        int? runtimeExpectedVotes = null,
        bool waitForAllPending = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(presentNodeIds);
        var present = presentNodeIds.Distinct().ToList();
        var votesById = config.Nodes.ToDictionary(n => n.NodeId, n => n.Votes);
        var unknown = present.Where(id => !votesById.ContainsKey(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"node id(s) {string.Join(", ", unknown)} are not in the nodelist", nameof(presentNodeIds));
        }

        var castVote = qdeviceCastsVote && config.Qdevice is not null;
        var total = present.Sum(id => votesById[id]) + (castVote ? config.Qdevice!.Votes : 0);

        // votequorum keeps expected votes at least at the votes it can see.
        var expected = Math.Max(runtimeExpectedVotes ?? config.ConfiguredExpectedVotes, total);
        var twoNode = config.IsTwoNodeEffective && present.Count <= 2;
        var quorum = twoNode ? 1 : QuorumFor(expected);

        var waitingForAll = config.IsWaitForAllEnabled && waitForAllPending && total != expected;
        var quorate = !waitingForAll && total >= quorum;

        var flags = VotequorumFlags.None;
        if (twoNode)
        {
            flags |= VotequorumFlags.TwoNode;
        }

        if (quorate)
        {
            flags |= VotequorumFlags.Quorate;
        }

        if (config.IsWaitForAllEnabled)
        {
            flags |= VotequorumFlags.WaitForAll;
        }

        if (config.Qdevice is not null)
        {
            flags |= VotequorumFlags.QdeviceRegistered;
        }

        return new QuorumState(present.Count, total, expected, expected, quorum, quorate, flags);
    }

    /// <summary>The state with every configured node present.</summary>
    public static QuorumState EvaluateAllPresent(VotequorumConfig config, bool qdeviceCastsVote = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Evaluate(config, config.Nodes.Select(n => n.NodeId), qdeviceCastsVote);
    }
}
