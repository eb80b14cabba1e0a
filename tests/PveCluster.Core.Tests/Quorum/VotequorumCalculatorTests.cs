using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Tests.Quorum;

public class VotequorumCalculatorTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(15, 8)]
    public void Quorum_is_a_strict_majority(int expected, int quorum)
    {
        Assert.Equal(quorum, VotequorumCalculator.QuorumFor(expected));
    }

    [Fact]
    public void Three_nodes_all_up_are_quorate_with_quorum_two()
    {
        var state = VotequorumCalculator.EvaluateAllPresent(VotequorumConfig.Uniform(3));
        Assert.Equal((3, 3, 2, true), (state.TotalVotes, state.ExpectedVotes, state.Quorum, state.IsQuorate));
        Assert.Equal(VotequorumFlags.Quorate, state.Flags);
    }

    [Fact]
    public void Isolated_node_of_three_is_blocked_like_the_lab_showed()
    {
        var state = VotequorumCalculator.Evaluate(VotequorumConfig.Uniform(3), [3u]);
        Assert.Equal((1, 3, 2, false), (state.TotalVotes, state.ExpectedVotes, state.Quorum, state.IsQuorate));
        Assert.Equal(VotequorumFlags.None, state.Flags);
    }

    [Fact]
    public void Two_node_mode_sets_quorum_one_and_implies_wait_for_all()
    {
        var config = VotequorumConfig.Uniform(2) with { TwoNode = true };
        var state = VotequorumCalculator.EvaluateAllPresent(config);
        Assert.Equal(1, state.Quorum);
        Assert.Equal(VotequorumFlags.TwoNode | VotequorumFlags.Quorate | VotequorumFlags.WaitForAll, state.Flags);
        Assert.True(VotequorumCalculator.Evaluate(config, [1u]).IsQuorate);
    }

    [Fact]
    public void Wait_for_all_keeps_a_cold_started_partition_inquorate_until_everyone_was_seen()
    {
        var config = VotequorumConfig.Uniform(2) with { TwoNode = true };
        Assert.False(VotequorumCalculator.Evaluate(config, [1u], waitForAllPending: true).IsQuorate);
        Assert.True(VotequorumCalculator.Evaluate(config, [1u, 2u], waitForAllPending: true).IsQuorate);
    }

    [Fact]
    public void Explicit_wait_for_all_off_overrides_two_node_default()
    {
        var config = VotequorumConfig.Uniform(2) with { TwoNode = true, WaitForAll = false };
        Assert.True(VotequorumCalculator.Evaluate(config, [1u], waitForAllPending: true).IsQuorate);
    }

    [Fact]
    public void Two_node_is_ignored_with_more_than_two_nodes()
    {
        var config = VotequorumConfig.Uniform(3) with { TwoNode = true };
        Assert.Equal(2, VotequorumCalculator.EvaluateAllPresent(config).Quorum);
        Assert.Contains(config.Validate(), p => p.Contains("two_node", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_nodes_with_qdevice_match_the_lab()
    {
        var config = VotequorumConfig.Uniform(2) with { Qdevice = new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1) };
        var all = VotequorumCalculator.EvaluateAllPresent(config);
        Assert.Equal((3, 3, 2, true), (all.TotalVotes, all.ExpectedVotes, all.Quorum, all.IsQuorate));
        Assert.Equal(VotequorumFlags.Quorate | VotequorumFlags.QdeviceRegistered, all.Flags);

        var survivorWithVote = VotequorumCalculator.Evaluate(config, [1u], qdeviceCastsVote: true);
        Assert.Equal((2, true), (survivorWithVote.TotalVotes, survivorWithVote.IsQuorate));
        var loserWithoutVote = VotequorumCalculator.Evaluate(config, [2u], qdeviceCastsVote: false);
        Assert.Equal((1, 2, false), (loserWithoutVote.TotalVotes, loserWithoutVote.Quorum, loserWithoutVote.IsQuorate));
        var qnetdDown = VotequorumCalculator.Evaluate(config, [1u, 2u], qdeviceCastsVote: false);
        Assert.Equal((2, true), (qnetdDown.TotalVotes, qnetdDown.IsQuorate));
    }

    [Fact]
    public void Runtime_expected_votes_never_drop_below_present_votes()
    {
        var state = VotequorumCalculator.Evaluate(VotequorumConfig.Uniform(3), [1u, 2u], runtimeExpectedVotes: 1);
        Assert.Equal(2, state.ExpectedVotes);
    }

    [Fact]
    public void Unknown_node_id_is_rejected_with_its_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => VotequorumCalculator.Evaluate(VotequorumConfig.Uniform(3), [9u]));
        Assert.Contains("9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_reports_config_problems()
    {
        var config = new VotequorumConfig(
            [new NodeVotes(0), new NodeVotes(1), new NodeVotes(1, -1)],
            TwoNode: true,
            Qdevice: new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 2));
        var problems = config.Validate();
        Assert.Contains(problems, p => p.Contains("node id 1 is used 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("reserved for the quorum device", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("negative votes", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("two_node cannot be combined", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ffsplit", StringComparison.Ordinal));
        Assert.Empty(VotequorumConfig.Uniform(3).Validate());
    }

    private static Gen<int[]> VoteVectors() =>
        Gen.Choose(1, 9).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 3), n)).Where(v => v.Sum() > 0);

    [Property]
    public Property Two_disjoint_partitions_are_never_both_quorate()
    {
        var gen = VoteVectors().SelectMany(votes => Gen.ArrayOf(Gen.Elements(true, false), votes.Length).Select(side => (votes, side)));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var config = new VotequorumConfig([.. t.votes.Select((v, i) => new NodeVotes((uint)i + 1, v))]);
            var ids = config.Nodes.Select(n => n.NodeId).ToArray();
            var left = ids.Where((_, i) => t.side[i]);
            var right = ids.Where((_, i) => !t.side[i]);
            return !(VotequorumCalculator.Evaluate(config, left).IsQuorate && VotequorumCalculator.Evaluate(config, right).IsQuorate);
        });
    }

    [Property]
    public Property Full_cluster_is_always_quorate_and_quorum_exceeds_half()
    {
        return Prop.ForAll(VoteVectors().ToArbitrary(), votes =>
        {
            var config = new VotequorumConfig([.. votes.Select((v, i) => new NodeVotes((uint)i + 1, v))]);
            var state = VotequorumCalculator.EvaluateAllPresent(config);
            return state.IsQuorate && 2 * state.Quorum > state.ExpectedVotes && state.Quorum <= state.ExpectedVotes;
        });
    }
}
