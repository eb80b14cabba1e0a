using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>When a write returns, and with what, around the moment corosync delivers it only to its sender.</summary>
public sealed class QuorumAcknowledgementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_write_applied_only_by_its_writer_is_not_acknowledged_until_a_quorum_reported_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 21, output);
        var mkdir = cluster[1].Mkdir("/lock");
        await cluster.Simulator.RunProcessAsync(cluster[1].Group);

        Assert.NotNull(cluster[1].Tree.GetEntry("/lock"));
        Assert.False(mkdir.IsCompleted, "acknowledged while only the writer held it");

        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await mkdir);
        cluster.AssertConverged();
    }

    [Fact]
    public async Task A_writer_cut_off_alone_fails_its_in_flight_write_with_EIO_and_undoes_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 22, output);
        var mkdir = cluster[1].Mkdir("/priv-lock");

        // Sent and received by n1 only; the cut comes before anybody else received it.
        cluster.Simulator.Partition([2, 3], [1]);
        await cluster.RunAsync();

        Assert.Equal(CfsError.IoError, await mkdir);
        Assert.All(cluster.Nodes, n => Assert.Null(n.Tree.GetEntry("/priv-lock")));
        Assert.False(cluster[1].Tree.IsWritable);

        cluster.Simulator.Heal();
        await cluster.RunAsync();
        cluster.AssertConverged();
        Assert.Null(cluster[1].Tree.GetEntry("/priv-lock"));
    }

    [Fact]
    public async Task A_write_in_flight_when_its_writer_moves_with_the_majority_succeeds_and_stays()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 23, output);
        var mkdir = cluster[1].Mkdir("/kept");

        // Only n1 received it, but n2 moves with n1: totem's recovery gives n2 the message too.
        cluster.Simulator.Partition([1, 2], [3]);
        await cluster.RunAsync();

        Assert.Equal(CfsError.None, await mkdir);
        Assert.NotNull(cluster[2].Tree.GetEntry("/kept"));
        Assert.Null(cluster[3].Tree.GetEntry("/kept"));

        cluster.Simulator.Heal();
        await cluster.RunAsync();
        cluster.AssertConverged();
        Assert.NotNull(cluster[3].Tree.GetEntry("/kept"));
    }

    [Fact]
    public async Task A_write_nobody_else_reports_fails_with_EIO_after_the_wait_bound()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 24, output, acknowledgementTimeout: TimeSpan.FromMilliseconds(200));
        var mkdir = cluster[1].Mkdir("/slow");
        await cluster.Simulator.RunProcessAsync(cluster[1].Group);

        Assert.Equal(CfsError.IoError, await mkdir.WaitAsync(TimeSpan.FromSeconds(10)));

        // The outcome was unknown, not a failure: the others apply it in order all the same.
        await cluster.RunAsync();
        cluster.AssertConverged();
        Assert.NotNull(cluster[3].Tree.GetEntry("/slow"));
    }

    [Fact]
    public async Task In_a_one_node_cluster_the_writer_alone_is_the_quorum()
    {
        await using var cluster = await SimulatedCluster.StartAsync(1, seed: 25, output);
        var mkdir = cluster[1].Mkdir("/nodes");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await mkdir.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
