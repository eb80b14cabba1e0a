using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Tests.Quorum;

// Cases mirror what corosync 3.1.7 did in the lab (corosync-quorumtool -e N).
public class ExpectedVotesRulesTests
{
    private static QuorumState FullThree() => VotequorumCalculator.EvaluateAllPresent(VotequorumConfig.Uniform(3));

    [Fact]
    public void Raising_within_what_keeps_quorum_is_accepted()
    {
        var plan = ExpectedVotesRules.Plan(FullThree(), 5);
        Assert.Equal((5, 3, true), (plan.ExpectedVotes, plan.Quorum, plan.WillBeQuorate));
        Assert.Null(plan.Warning);
    }

    [Fact]
    public void Raising_so_far_that_a_quorate_partition_would_lose_quorum_is_refused()
    {
        var ex = Assert.Throws<QuorumRuleException>(() => ExpectedVotesRules.Plan(FullThree(), 6));
        Assert.Contains("CS_ERR_INVALID_PARAM", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Going_below_the_votes_present_is_refused()
    {
        var ex = Assert.Throws<QuorumRuleException>(() => ExpectedVotesRules.Plan(FullThree(), 2));
        Assert.Contains("lower than the 3 votes present", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Isolated_node_may_set_expected_one_and_becomes_quorate_with_a_warning()
    {
        var isolated = VotequorumCalculator.Evaluate(VotequorumConfig.Uniform(3), [3u]);
        var plan = ExpectedVotesRules.Plan(isolated, 1);
        Assert.Equal((1, 1, true), (plan.ExpectedVotes, plan.Quorum, plan.WillBeQuorate));
        Assert.Contains("split", plan.Warning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Non_positive_values_are_refused(int value)
    {
        Assert.Throws<QuorumRuleException>(() => ExpectedVotesRules.Plan(FullThree(), value));
    }

    [Property]
    public Property Accepted_values_never_make_a_quorate_partition_inquorate()
    {
        var gen = Gen.Choose(1, 9).SelectMany(nodes => Gen.Choose(1, nodes).SelectMany(up => Gen.Choose(-2, 30).Select(n => (nodes, up, n))));
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var config = VotequorumConfig.Uniform(t.nodes);
            var state = VotequorumCalculator.Evaluate(config, Enumerable.Range(1, t.up).Select(i => (uint)i));
            try
            {
                var plan = ExpectedVotesRules.Plan(state, t.n);
                return t.n >= state.TotalVotes && (!state.IsQuorate || plan.WillBeQuorate);
            }
            catch (QuorumRuleException)
            {
                return t.n < 1 || t.n < state.TotalVotes || (state.IsQuorate && t.n > ExpectedVotesRules.MaxKeepingQuorum(state.TotalVotes));
            }
        });
    }
}
