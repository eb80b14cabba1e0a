namespace PveCluster.Core.Quorum;

/// <summary>
/// Proxmox's QDevice policy (admin guide, "Corosync External Vote Support"): even node counts get
/// the <c>ffsplit</c> algorithm and 1 vote; odd node counts are refused unless forced, and then use
/// <c>lms</c> with N-1 votes, which makes the qnetd host almost a single point of failure.
/// </summary>
public static class QdevicePlanner
{
    /// <summary>Plans adding a QDevice to <paramref name="config"/>.</summary>
    /// <exception cref="QuorumRuleException">The setup is refused (odd count without force, too few nodes, already configured).</exception>
    public static QdevicePlan Plan(VotequorumConfig config, bool force)
    {
        ArgumentNullException.ThrowIfNull(config);
        var nodeCount = config.Nodes.Count;
        if (config.Qdevice is not null && !force)
        {
            throw new QuorumRuleException("QDevice already configured! (use force to replace it)");
        }

        if (nodeCount < 2)
        {
            throw new QuorumRuleException($"a QDevice needs a cluster of at least 2 nodes, this one has {nodeCount}");
        }

        var warnings = new List<string>();
        QdeviceSettings settings;
        if (nodeCount % 2 == 0)
        {
            settings = new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1);
        }
        else if (!force)
        {
            throw new QuorumRuleException(
                "Clusters with an odd node count are not officially supported! " +
                $"With {nodeCount} nodes the QDevice would need {nodeCount - 1} votes (lms algorithm), and if the QDevice " +
                "fails no single node may fail any more. Use force to set it up anyway.");
        }
        else
        {
            settings = new QdeviceSettings(QdeviceAlgorithm.LastManStanding, nodeCount - 1);
            warnings.Add(
                $"Odd node count: the QDevice gets {nodeCount - 1} votes (lms). If the QNet daemon fails, no other node may fail " +
                "or the cluster loses quorum at once.");
            warnings.Add(
                "All nodes but one may fail while the QDevice is up; the last node then has to run every HA service, and Ceph " +
                $"stops serving once more than {(nodeCount - 1) / 2} nodes are down.");
        }

        if (config.TwoNode)
        {
            warnings.Add("two_node will be removed: votequorum does not allow it together with a quorum device.");
        }

        var newConfig = config with { TwoNode = false, Qdevice = settings, ExpectedVotes = null };
        var all = VotequorumCalculator.EvaluateAllPresent(newConfig);
        return new QdevicePlan(settings, newConfig, all.ExpectedVotes, all.Quorum, warnings);
    }
}
