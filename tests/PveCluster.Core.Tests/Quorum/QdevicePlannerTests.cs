using PveCluster.Core.Quorum;

namespace PveCluster.Core.Tests.Quorum;

public class QdevicePlannerTests
{
    [Theory]
    [InlineData(2, 3, 2)]
    [InlineData(4, 5, 3)]
    public void Even_clusters_get_ffsplit_with_one_vote(int nodes, int expected, int quorum)
    {
        var plan = QdevicePlanner.Plan(VotequorumConfig.Uniform(nodes), force: false);
        Assert.Equal(new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1), plan.Settings);
        Assert.Equal("ffsplit", plan.Settings.AlgorithmName);
        Assert.Equal((expected, quorum), (plan.ExpectedVotes, plan.Quorum));
        Assert.Empty(plan.Warnings);
    }

    [Fact]
    public void Odd_cluster_is_refused_without_force()
    {
        var ex = Assert.Throws<QuorumRuleException>(() => QdevicePlanner.Plan(VotequorumConfig.Uniform(3), force: false));
        Assert.StartsWith("Clusters with an odd node count are not officially supported!", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Forced_odd_cluster_uses_lms_with_n_minus_one_votes()
    {
        var plan = QdevicePlanner.Plan(VotequorumConfig.Uniform(5), force: true);
        Assert.Equal(new QdeviceSettings(QdeviceAlgorithm.LastManStanding, 4), plan.Settings);
        Assert.Equal((9, 5), (plan.ExpectedVotes, plan.Quorum));
        Assert.Equal(2, plan.Warnings.Count);

        // One node plus the device still holds quorum, which is the point of lms...
        Assert.True(VotequorumCalculator.Evaluate(plan.NewConfig, [1u], qdeviceCastsVote: true).IsQuorate);

        // ...but without the device, losing one node of five already loses quorum.
        Assert.False(VotequorumCalculator.Evaluate(plan.NewConfig, [1u, 2u, 3u, 4u], qdeviceCastsVote: false).IsQuorate);
    }

    [Fact]
    public void Two_node_is_dropped_when_adding_a_qdevice()
    {
        var plan = QdevicePlanner.Plan(VotequorumConfig.Uniform(2) with { TwoNode = true }, force: false);
        Assert.False(plan.NewConfig.TwoNode);
        Assert.Contains(plan.Warnings, w => w.Contains("two_node", StringComparison.Ordinal));
        Assert.Empty(plan.NewConfig.Validate());
    }

    [Fact]
    public void Existing_qdevice_and_single_node_are_refused()
    {
        var withDevice = VotequorumConfig.Uniform(2) with { Qdevice = new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1) };
        Assert.Contains("already configured", Assert.Throws<QuorumRuleException>(() => QdevicePlanner.Plan(withDevice, false)).Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 nodes", Assert.Throws<QuorumRuleException>(() => QdevicePlanner.Plan(VotequorumConfig.Uniform(1), true)).Message, StringComparison.Ordinal);
    }
}
