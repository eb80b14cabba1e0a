namespace PveCluster.Core.Quorum;

/// <summary>The votequorum-relevant part of a cluster configuration.</summary>
/// <param name="Nodes">The nodelist with each node's votes.</param>
/// <param name="ExpectedVotes"><c>quorum.expected_votes</c>; when set it overrides the nodelist sum.</param>
/// <param name="TwoNode"><c>quorum.two_node</c>.</param>
/// <param name="WaitForAll"><c>quorum.wait_for_all</c>; null means the default, which is on when two_node is on.</param>
/// <param name="Qdevice">The configured quorum device, if any.</param>
public sealed record VotequorumConfig(
    IReadOnlyList<NodeVotes> Nodes,
    int? ExpectedVotes = null,
    bool TwoNode = false,
    bool? WaitForAll = null,
    QdeviceSettings? Qdevice = null)
{
    /// <summary>A config of <paramref name="count"/> nodes (ids 1..count) with one vote each.</summary>
    public static VotequorumConfig Uniform(int count) =>
        new([.. Enumerable.Range(1, count).Select(i => new NodeVotes((uint)i))]);

    /// <summary>Sum of the nodes' votes, without the qdevice.</summary>
    public int NodeVoteSum => Nodes.Sum(n => n.Votes);

    /// <summary>
    /// The expected votes votequorum starts with: <c>quorum.expected_votes</c> if set, else the
    /// nodelist sum plus the qdevice votes (the lab showed expected 3 for 2 nodes + qdevice).
    /// </summary>
    public int ConfiguredExpectedVotes => ExpectedVotes ?? NodeVoteSum + (Qdevice?.Votes ?? 0);

    /// <summary>two_node only takes effect with exactly two nodes; votequorum drops it with more.</summary>
    public bool IsTwoNodeEffective => TwoNode && Nodes.Count == 2 && Qdevice is null;

    /// <summary>wait_for_all as votequorum applies it (two_node switches it on unless set explicitly).</summary>
    public bool IsWaitForAllEnabled => WaitForAll ?? TwoNode;

    /// <summary>Problems votequorum or Proxmox would refuse or silently ignore; empty when the config is sound.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Nodes.Count == 0)
        {
            problems.Add("the nodelist is empty");
        }

        foreach (var group in Nodes.GroupBy(n => n.NodeId).Where(g => g.Count() > 1))
        {
            problems.Add($"node id {group.Key} is used {group.Count()} times");
        }

        if (Nodes.Any(n => n.NodeId == 0))
        {
            problems.Add("node id 0 is reserved for the quorum device");
        }

        problems.AddRange(Nodes.Where(n => n.Votes < 0).Select(n => $"node {n.NodeId} has negative votes ({n.Votes})"));

        if (ExpectedVotes is < 1)
        {
            problems.Add($"expected_votes must be at least 1, got {ExpectedVotes}");
        }

        if (TwoNode && Qdevice is not null)
        {
            problems.Add("two_node cannot be combined with a quorum device (remove two_node when adding the QDevice)");
        }
        else if (TwoNode && Nodes.Count != 2)
        {
            problems.Add($"two_node is set but the cluster has {Nodes.Count} nodes; votequorum ignores it unless there are exactly 2");
        }

        if (Qdevice is { Votes: < 1 })
        {
            problems.Add($"the quorum device must have at least 1 vote, got {Qdevice.Votes}");
        }

        if (Qdevice is { Algorithm: QdeviceAlgorithm.FiftyFiftySplit, Votes: not 1 })
        {
            problems.Add($"the ffsplit algorithm requires exactly 1 qdevice vote, got {Qdevice.Votes}");
        }

        return problems;
    }
}
