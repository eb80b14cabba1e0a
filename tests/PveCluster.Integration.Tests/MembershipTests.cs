using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests;

/// <summary>Partitions and daemon restarts on a 3-node, 1-link lab. Each test restores the whole cluster.</summary>
public sealed class MembershipTests : IClassFixture<ThreeNodeLabFixture>
{
    private const int Isolated = 3;
    private static readonly int[] Survivors = [1, 2];

    private readonly LabCluster _lab;

    public MembershipTests(ThreeNodeLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [LabFact]
    public Task Cutting_one_node_leaves_two_quorate_and_one_inquorate_and_heal_restores_three() =>
        CutAndHealAsync(drop: false);

    [LabFact]
    public Task Silently_dropping_one_nodes_traffic_splits_the_same_way() =>
        CutAndHealAsync(drop: true);

    [LabFact]
    public async Task Killed_corosync_leaves_the_membership_and_rejoins_after_start()
    {
        await ClusterWait.ForWholeClusterAsync(_lab);
        await _lab.StopCorosyncAsync(Isolated, kill: true, CancellationToken.None);
        try
        {
            Assert.Null(_lab.CorosyncProcess(Isolated));
            var views = await ClusterWait.ForMembershipAsync(_lab, Survivors, members: 2, quorate: true);
            Assert.All(views, v => Assert.DoesNotContain(v!.Members, m => m.NodeId == Isolated));
        }
        finally
        {
            await _lab.StartCorosyncAsync(Isolated, CancellationToken.None);
        }
        var rejoined = await ClusterWait.ForWholeClusterAsync(_lab);
        Assert.Single(rejoined.Select(v => v!.RingId).Distinct());
    }

    [LabFact]
    public async Task Cleanly_stopped_corosync_leaves_and_rejoins()
    {
        await ClusterWait.ForWholeClusterAsync(_lab);
        await _lab.StopCorosyncAsync(Isolated, kill: false, CancellationToken.None);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, Survivors, members: 2, quorate: true);
        }
        finally
        {
            await _lab.StartCorosyncAsync(Isolated, CancellationToken.None);
        }
        await ClusterWait.ForWholeClusterAsync(_lab);
    }

    private async Task CutAndHealAsync(bool drop)
    {
        var before = await ClusterWait.ForWholeClusterAsync(_lab);
        await _lab.CutAsync(Isolated, link: null, drop, CancellationToken.None);
        try
        {
            var survivors = await ClusterWait.ForMembershipAsync(_lab, Survivors, members: 2, quorate: true);
            var isolated = await ClusterWait.ForMembershipAsync(_lab, [Isolated], members: 1, quorate: false);
            Assert.All(survivors, v => Assert.Equal([1, 2], v!.Members.Select(m => m.NodeId).Order()));
            Assert.Equal(Isolated, Assert.Single(isolated[0]!.Members).NodeId);
            Assert.NotEqual(before[0]!.RingId, survivors[0]!.RingId);

            var links = await _lab.LinkStatusAsync(Isolated, CancellationToken.None);
            Assert.Equal(drop, links[0].Dropped);
            Assert.Equal(!drop, !links[0].CarrierUp);
        }
        finally
        {
            await _lab.HealAsync(Isolated, link: null, CancellationToken.None);
        }
        var healed = await ClusterWait.ForWholeClusterAsync(_lab);
        Assert.All(healed, v => Assert.Equal([1, 2, 3], v!.Members.Select(m => m.NodeId).Order()));
        Assert.All(await _lab.LinkStatusAsync(Isolated, CancellationToken.None), l => Assert.True(l.CarrierUp && !l.Dropped));
    }
}
