using PveCluster.Core.Quorum;

namespace PveCluster.Core.Tests.Quorum;

public class QuorumForecastTests
{
    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 1)]
    [InlineData(4, 1)]
    [InlineData(5, 2)]
    [InlineData(15, 7)]
    public void Tolerated_failures_follow_the_majority_rule(int nodes, int tolerated)
    {
        Assert.Equal(tolerated, QuorumForecast.ToleratedNodeFailures(VotequorumConfig.Uniform(nodes)));
    }

    [Fact]
    public void Two_node_mode_and_qdevice_each_tolerate_one_failure()
    {
        Assert.Equal(1, QuorumForecast.ToleratedNodeFailures(VotequorumConfig.Uniform(2) with { TwoNode = true }));
        var withDevice = VotequorumConfig.Uniform(2) with { Qdevice = new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1) };
        Assert.Equal(1, QuorumForecast.ToleratedNodeFailures(withDevice));
        Assert.Equal(0, QuorumForecast.ToleratedNodeFailures(withDevice, qdeviceCastsVote: false));
    }

    [Fact]
    public void Worst_case_assumes_heavy_voters_fail_first()
    {
        var config = new VotequorumConfig([new NodeVotes(1, 3), new NodeVotes(2), new NodeVotes(3), new NodeVotes(4)]);
        Assert.False(QuorumForecast.KeepsQuorumAfterLosingAny(config, [1u, 2u, 3u, 4u], 1));
        Assert.True(QuorumForecast.AfterLosing(config, [1u, 2u, 3u, 4u], [2u]).IsQuorate);
    }

    [Fact]
    public void Removing_an_offline_node_lowers_quorum_for_the_rest()
    {
        var forecast = QuorumForecast.ForecastRemoval(VotequorumConfig.Uniform(4), 4, [1u, 2u, 3u]);
        Assert.True(forecast.CanProceed);
        Assert.True(forecast.KeepsQuorum);
        Assert.Equal((3, 3, 2), (forecast.After.ExpectedVotes, forecast.After.TotalVotes, forecast.After.Quorum));
        Assert.Equal(1, forecast.ToleratedFailuresAfter);
        Assert.DoesNotContain(forecast.Warnings, w => w.Contains("still online", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_down_to_two_nodes_warns_about_the_lost_redundancy()
    {
        var forecast = QuorumForecast.ForecastRemoval(VotequorumConfig.Uniform(3), 3, [1u, 2u]);
        Assert.True(forecast.KeepsQuorum);
        Assert.Equal(0, forecast.ToleratedFailuresAfter);
        Assert.Contains(forecast.Warnings, w => w.Contains("two nodes remain", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_an_online_node_warns_to_power_it_off()
    {
        var forecast = QuorumForecast.ForecastRemoval(VotequorumConfig.Uniform(3), 3, [1u, 2u, 3u]);
        Assert.Contains(forecast.Warnings, w => w.Contains("node 3 is still online", StringComparison.Ordinal));
    }

    [Fact]
    public void Inquorate_cluster_blocks_removal()
    {
        var forecast = QuorumForecast.ForecastRemoval(VotequorumConfig.Uniform(5), 5, [1u, 2u]);
        Assert.False(forecast.CanProceed);
        Assert.Contains(forecast.Blockers, b => b.Contains("not quorate", StringComparison.Ordinal));
    }

    [Fact]
    public void Removal_with_qdevice_tells_to_remove_the_device_first()
    {
        var config = VotequorumConfig.Uniform(4) with { Qdevice = new QdeviceSettings(QdeviceAlgorithm.FiftyFiftySplit, 1) };
        var forecast = QuorumForecast.ForecastRemoval(config, 4, [1u, 2u, 3u], qdeviceCastsVote: true);
        Assert.Contains(forecast.Warnings, w => w.Contains("pvecm qdevice remove", StringComparison.Ordinal));
    }

    [Fact]
    public void Removing_an_unknown_node_is_an_error()
    {
        Assert.Throws<ArgumentException>(() => QuorumForecast.ForecastRemoval(VotequorumConfig.Uniform(3), 7, [1u]));
    }
}
