namespace PveCluster.Core.Quorum;

/// <summary>Predictions about node failures and removals, for warnings before acting.</summary>
public static class QuorumForecast
{
    /// <summary>
    /// The largest k such that losing <b>any</b> k nodes still leaves the rest quorate, starting
    /// from all nodes up. Worst case: the nodes with the most votes fail first. Expected votes stay
    /// at their configured value while nodes are down (no last_man_standing).
    /// </summary>
    /// <param name="config">The cluster configuration.</param>
    /// <param name="qdeviceCastsVote">Whether the qdevice (if any) keeps voting for the survivors.</param>
    public static int ToleratedNodeFailures(VotequorumConfig config, bool qdeviceCastsVote = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        return ToleratedFailures(config, config.Nodes.Select(n => n.NodeId).ToList(), qdeviceCastsVote);
    }

    /// <summary>The state of the online nodes after <paramref name="lostNodeIds"/> fail.</summary>
    public static QuorumState AfterLosing(
        VotequorumConfig config,
        IEnumerable<uint> onlineNodeIds,
        IEnumerable<uint> lostNodeIds,
        bool qdeviceCastsVote = false)
    {
        ArgumentNullException.ThrowIfNull(onlineNodeIds);
        ArgumentNullException.ThrowIfNull(lostNodeIds);
        var lost = lostNodeIds.ToHashSet();
        return VotequorumCalculator.Evaluate(config, onlineNodeIds.Where(id => !lost.Contains(id)), qdeviceCastsVote);
    }

    /// <summary>True when any <paramref name="k"/> of the online nodes may fail and the rest stay quorate.</summary>
    public static bool KeepsQuorumAfterLosingAny(
        VotequorumConfig config,
        IEnumerable<uint> onlineNodeIds,
        int k,
        bool qdeviceCastsVote = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onlineNodeIds);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var online = onlineNodeIds.Distinct().ToList();
        if (k > online.Count)
        {
            return false;
        }

        var worst = WorstFirst(config, online).Take(k);
        return AfterLosing(config, online, worst, qdeviceCastsVote).IsQuorate;
    }

    /// <summary>Forecasts removing <paramref name="nodeId"/> from the nodelist while <paramref name="onlineNodeIds"/> are up.</summary>
    /// <exception cref="ArgumentException">The node is not in the nodelist.</exception>
    public static NodeRemovalForecast ForecastRemoval(
        VotequorumConfig config,
        uint nodeId,
        IEnumerable<uint> onlineNodeIds,
        bool qdeviceCastsVote = false)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(onlineNodeIds);
        if (config.Nodes.All(n => n.NodeId != nodeId))
        {
            throw new ArgumentException($"node id {nodeId} is not in the nodelist", nameof(nodeId));
        }

        var online = onlineNodeIds.Distinct().ToList();
        var before = VotequorumCalculator.Evaluate(config, online, qdeviceCastsVote);
        var newConfig = config with { Nodes = [.. config.Nodes.Where(n => n.NodeId != nodeId)] };
        var remainingOnline = online.Where(id => id != nodeId).ToList();

        // The config reload recomputes expected votes from the new nodelist, so quorum may drop.
        var after = VotequorumCalculator.Evaluate(newConfig, remainingOnline, qdeviceCastsVote, newConfig.ConfiguredExpectedVotes);
        var tolerated = newConfig.Nodes.Count == 0 ? 0 : ToleratedFailures(newConfig, remainingOnline, qdeviceCastsVote);

        var blockers = new List<string>();
        var warnings = new List<string>();
        if (!before.IsQuorate)
        {
            blockers.Add($"the cluster is not quorate ({before.TotalVotes} of {before.Quorum} needed votes); removing a node needs quorum");
        }

        if (newConfig.Nodes.Count == 0)
        {
            blockers.Add("cannot remove the last node of the cluster");
        }

        if (online.Contains(nodeId))
        {
            warnings.Add(
                $"node {nodeId} is still online: power it off before removing it and make sure it never comes back " +
                "with its old cluster configuration");
        }

        if (config.Qdevice is not null)
        {
            warnings.Add(
                "the cluster has a QDevice: remove it first (pvecm qdevice remove), remove the node, and set the QDevice " +
                "up again once the node count is even");
        }

        if (before.IsQuorate && !after.IsQuorate && newConfig.Nodes.Count > 0)
        {
            warnings.Add(
                $"after the removal the online nodes have {after.TotalVotes} votes but need {after.Quorum}: the cluster loses quorum");
        }

        if (newConfig.Nodes.Count == 2 && newConfig.Qdevice is null)
        {
            warnings.Add("two nodes remain: losing either one costs quorum; consider adding a QDevice");
        }

        if (after.IsQuorate && newConfig.Nodes.Count > 0)
        {
            warnings.Add($"afterwards the cluster tolerates {tolerated} more node failure(s) (quorum {after.Quorum} of {after.ExpectedVotes})");
        }

        return new NodeRemovalForecast(newConfig, before, after, tolerated, blockers, warnings);
    }

    private static int ToleratedFailures(VotequorumConfig config, IReadOnlyList<uint> online, bool qdeviceCastsVote)
    {
        var order = WorstFirst(config, online).ToList();
        var tolerated = -1;
        for (var k = 0; k <= order.Count; k++)
        {
            if (!AfterLosing(config, online, order.Take(k), qdeviceCastsVote).IsQuorate)
            {
                break;
            }

            tolerated = k;
        }

        return Math.Max(tolerated, 0);
    }

    private static IEnumerable<uint> WorstFirst(VotequorumConfig config, IEnumerable<uint> online)
    {
        var votes = config.Nodes.ToDictionary(n => n.NodeId, n => n.Votes);
        return online.OrderByDescending(id => votes.GetValueOrDefault(id)).ThenBy(id => id);
    }
}
