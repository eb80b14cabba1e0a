using PveCluster.Core.Lifecycle;
using PveCluster.Core.Quorum;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Quorum;

public class VoteRulesTests
{
    [Theory]
    [InlineData(0UL)]
    [InlineData(1UL)]
    [InlineData(2147483647UL)]
    public void Votes_corosync_reads_pass(ulong votes) => Assert.Null(VoteRules.CheckNodeVotes(votes));

    [Theory]
    [InlineData(2147483648UL)]
    [InlineData(4294967296UL)]
    [InlineData(ulong.MaxValue)]
    public void Votes_corosync_would_refuse_are_rejected_with_the_range(ulong votes)
    {
        var problem = VoteRules.CheckNodeVotes(votes);

        Assert.Equal($"votes {votes} is out of range: corosync accepts 0 to 2147483647 votes per node", problem);
    }

    [Fact]
    public void A_total_votequorum_cannot_count_is_rejected()
    {
        Assert.Null(VoteRules.CheckTotalVotes([int.MaxValue - 2UL, 1, 1]));
        Assert.Contains("more than 2147483647", VoteRules.CheckTotalVotes([int.MaxValue - 2UL, 1, 2]), StringComparison.Ordinal);
        Assert.NotNull(VoteRules.CheckTotalVotes([ulong.MaxValue, 1]));
    }

    [Theory]
    [InlineData(4294967296UL)]
    [InlineData(ulong.MaxValue)]
    public void Add_node_refuses_votes_out_of_range(ulong votes)
    {
        var plan = AddNodePlanner.Plan(new AddNodeRequest(ThreeTwoLinks(), "delta", [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")], true, Votes: votes));

        Assert.False(plan.CanProceed);
        Assert.Contains(plan.Errors, e => e.Contains("out of range: corosync accepts 0 to 2147483647", StringComparison.Ordinal));
        Assert.Null(plan.CorosyncConf);
    }

    [Fact]
    public void Add_node_refuses_votes_that_overflow_the_cluster_total()
    {
        var plan = AddNodePlanner.Plan(new AddNodeRequest(
            ThreeTwoLinks(), "delta", [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")], true, Votes: int.MaxValue - 3UL));
        Assert.True(plan.CanProceed, plan.Explain());

        var second = AddNodePlanner.Plan(new AddNodeRequest(
            plan.NewConfig!, "echo", [Link(0, "10.0.0.5"), Link(1, "10.1.0.5")], true, Votes: 1));

        Assert.Contains(second.Errors, e => e.Contains("the most expected_votes corosync accepts", StringComparison.Ordinal));
    }
}
