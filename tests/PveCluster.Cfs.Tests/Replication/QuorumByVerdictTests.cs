using PveCluster.Cfs.Tree;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// A membership of two or more nodes takes votequorum's verdict (a QDevice vote) once all its members
/// reported it for their ring: four nodes split 2/2, the half the QDevice votes for writes, the other does not.
/// </summary>
public sealed class QuorumByVerdictTests(ITestOutputHelper output)
{
    private static readonly RingId Whole = new(1, 0x10);
    private static readonly RingId Left = new(1, 0x14);
    private static readonly RingId Right = new(3, 0x14);

    [Fact]
    public async Task The_half_of_a_two_two_split_that_votequorum_makes_quorate_writes_once_both_members_reported_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync(4, seed: 51, output);
        await PublishAsync(cluster, Whole, [1, 2, 3, 4], quorate: true);

        cluster.Simulator.Partition([1, 2], [3, 4]);
        await DeliverRingAsync(cluster, Left, [1, 2]);
        await DeliverRingAsync(cluster, Right, [3, 4]);
        Assert.All(cluster.Nodes, n => Assert.False(n.Tree.IsWritable));

        // The QDevice votes for the left half; node 1 learns it first: one report is not enough.
        var epochBefore = cluster[1].Database.QuorateEpoch;
        await PublishAsync(cluster, Left, [1], quorate: true, members: [1, 2]);
        await PublishAsync(cluster, Right, [3, 4], quorate: false);
        Assert.False(cluster[1].Tree.IsWritable);
        Assert.Equal(CfsError.AccessDenied, await cluster[1].Mkdir("/early"));

        await PublishAsync(cluster, Left, [2], quorate: true, members: [1, 2]);
        Assert.True(cluster[1].Tree.IsWritable);
        Assert.True(cluster[2].Tree.IsWritable);
        Assert.Equal(epochBefore + 1, cluster[1].Database.QuorateEpoch);
        Assert.Equal(epochBefore + 1, cluster[2].Database.QuorateEpoch);
        Assert.False(cluster[3].Tree.IsWritable);
        Assert.False(cluster[4].Tree.IsWritable);

        var write = cluster[2].Mkdir("/left");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await write.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(cluster[1].Tree.GetEntry("/left"));
        Assert.Equal(CfsError.AccessDenied, await cluster[3].Mkdir("/right"));

        cluster.Simulator.Heal();
        await cluster.RunAsync();
        cluster.AssertConverged();
        Assert.All(cluster.Nodes, n => Assert.NotNull(n.Tree.GetEntry("/left")));
    }

    [Fact]
    public async Task A_membership_stops_writing_as_soon_as_one_member_reports_the_vote_lost()
    {
        await using var cluster = await SimulatedCluster.StartAsync(4, seed: 52, output);
        cluster.Simulator.Partition([1, 2], [3, 4]);
        await DeliverRingAsync(cluster, Left, [1, 2]);
        await PublishAsync(cluster, Left, [1, 2], quorate: true);
        Assert.True(cluster[1].Tree.IsWritable);

        // Node 2 learns first that the QDevice withdrew its vote; node 1 still believes it.
        await PublishAsync(cluster, Left, [2], quorate: false, members: [1, 2]);
        Assert.True(cluster.Simulator.QuorumOf(1).IsQuorate);
        Assert.False(cluster[1].Tree.IsWritable);
        Assert.Equal(CfsError.AccessDenied, await cluster[1].Mkdir("/after-loss"));
    }

    [Fact]
    public async Task A_ring_holding_a_node_without_pmxcfs_gives_no_quorum_to_the_others()
    {
        await using var cluster = await SimulatedCluster.StartAsync(4, seed: 53, output);
        await cluster.StopAsync(3);
        cluster.Simulator.Partition([1, 2, 3], [4]);
        await DeliverRingAsync(cluster, Left, [1, 2, 3], nodes: [1, 2]);
        await PublishAsync(cluster, Left, [1, 2], quorate: true, members: [1, 2, 3]);
        Assert.False(cluster[1].Tree.IsWritable);
        Assert.False(cluster[2].Tree.IsWritable);
    }

    [Fact]
    public async Task A_notification_about_an_earlier_ring_does_not_count()
    {
        await using var cluster = await SimulatedCluster.StartAsync(4, seed: 54, output);
        cluster.Simulator.Partition([1, 2], [3, 4]);
        await DeliverRingAsync(cluster, Left, [1, 2]);

        // Quorate for the whole ring: what both nodes still hold from before the split.
        await PublishAsync(cluster, Whole, [1, 2], quorate: true, members: [1, 2]);
        Assert.False(cluster[1].Tree.IsWritable);
    }

    private static async Task DeliverRingAsync(SimulatedCluster cluster, RingId ring, uint[] ringNodes, uint[]? nodes = null)
    {
        foreach (var node in nodes ?? ringNodes)
        {
            cluster[node].Group.Deliver(new CpgRingChanged(ring, ringNodes));
        }

        await cluster.RunAsync();
    }

    /// <summary>Votequorum's notification on <paramref name="nodes"/>, handed to their trees as the watcher does.</summary>
    private static async Task PublishAsync(SimulatedCluster cluster, RingId ring, uint[] nodes, bool quorate, uint[]? members = null)
    {
        foreach (var node in nodes)
        {
            cluster.Simulator.QuorumOf(node).Publish(new QuorumNotification(quorate, ring, members ?? nodes));
            await cluster[node].Tree.OnVotequorumChangedAsync(CancellationToken.None);
        }

        await cluster.RunAsync();
    }
}
