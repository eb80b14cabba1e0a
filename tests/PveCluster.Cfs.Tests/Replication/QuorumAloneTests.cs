using PveCluster.Cfs.Tree;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>A node alone in its configuration takes votequorum's verdict for its current ring (<c>pvecm expected 1</c>, a QDevice vote).</summary>
public sealed class QuorumAloneTests(ITestOutputHelper output)
{
    private static readonly RingId BeforeCut = new(1, 0x10);
    private static readonly RingId AfterCut = new(1, 0x14);

    [Fact]
    public async Task A_node_cut_off_alone_ignores_a_quorate_notification_of_another_ring_and_becomes_writable_when_its_own_ring_is_quorate()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 41, output);
        var n1 = cluster[1];
        var votequorum = cluster.Simulator.QuorumOf(1);
        n1.Group.Deliver(new CpgRingChanged(BeforeCut, [1, 2, 3]));
        await cluster.RunAsync();
        votequorum.Publish(new QuorumNotification(true, BeforeCut, [1, 2, 3]));
        var inFlight = n1.Mkdir("/priv-lock");

        // Cut before anybody else received the write; cpg reports the new ring after the configuration.
        cluster.Simulator.Partition([2, 3], [1]);
        n1.Group.Deliver(new CpgRingChanged(AfterCut, [1]));
        await cluster.RunAsync();

        Assert.Equal(CfsError.IoError, await inFlight);
        Assert.All(cluster.Nodes, n => Assert.Null(n.Tree.GetEntry("/priv-lock")));

        // A quorate notification that is not for the current ring never counts.
        votequorum.Publish(new QuorumNotification(true, BeforeCut, [1]));
        await n1.Tree.OnVotequorumChangedAsync(CancellationToken.None);
        Assert.False(n1.Tree.IsWritable);
        Assert.Equal(CfsError.AccessDenied, await n1.Mkdir("/refused"));

        // pvecm expected 1: votequorum says quorate for the current ring with this node alone.
        var epochAlone = n1.Database.QuorateEpoch;
        votequorum.Publish(new QuorumNotification(true, AfterCut, [1]));
        await n1.Tree.OnVotequorumChangedAsync(CancellationToken.None);
        Assert.True(n1.Tree.IsWritable);
        Assert.Equal(epochAlone + 1, n1.Database.QuorateEpoch);
        var alone = n1.Mkdir("/forced");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await alone.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(n1.Tree.GetEntry("/forced"));

        // The majority stayed writable meanwhile.
        var majority = cluster[2].Mkdir("/majority");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await majority.WaitAsync(TimeSpan.FromSeconds(10)));

        // Healing an admin-forced split brain: one side's tree is adopted whole, and everybody agrees on it.
        cluster.Simulator.Heal();
        await cluster.RunAsync();
        cluster.AssertConverged();
    }

    [Fact]
    public async Task A_quorate_notification_naming_other_nodes_does_not_make_a_lone_member_quorate()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 42, output);
        var n1 = cluster[1];
        cluster.Simulator.Partition([2, 3], [1]);
        n1.Group.Deliver(new CpgRingChanged(AfterCut, [1]));
        await cluster.RunAsync();

        cluster.Simulator.QuorumOf(1).Publish(new QuorumNotification(true, AfterCut, [1, 2]));
        await n1.Tree.OnVotequorumChangedAsync(CancellationToken.None);
        Assert.False(n1.Tree.IsWritable);
    }
}
