using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests;

/// <summary>
/// Two knet links: losing the preferred one on a node is a knet failover, invisible to totem.
/// (Preferred = highest knet_link_priority; the fixture uses 20,15, so link0.)
/// </summary>
public sealed class RedundantLinkTests : IClassFixture<TwoLinkLabFixture>
{
    private const int CutNode = 3;
    private const int Observer = 1;
    private const int BackupLink = 1;

    /// <summary>Past token + consensus (3650 + 4380 ms at the default token): a split would have shown by then.</summary>
    private static readonly TimeSpan ObservationWindow = TimeSpan.FromSeconds(11);

    private readonly LabCluster _lab;

    public RedundantLinkTests(TwoLinkLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [LabFact]
    public async Task Cutting_the_preferred_link_on_one_node_changes_no_membership()
    {
        var before = await ClusterWait.ForWholeClusterAsync(_lab);
        var ring = before[0]!.RingId;
        Assert.All(before, v => Assert.Equal(ring, v!.RingId));

        await _lab.CutAsync(CutNode, TwoLinkLabFixture.PreferredLink, drop: false, CancellationToken.None);
        var cutAt = DateTime.UtcNow;
        try
        {
            // knet noticed: the peer is gone on link0 but still connected on link1.
            await Polling.UntilAsync(
                ct => _lab.KnetLinksAsync(Observer, ct),
                view => !view.IsConnected(TwoLinkLabFixture.PreferredLink, CutNode) && view.IsConnected(BackupLink, CutNode),
                ClusterWait.ChangeTimeout, $"node {Observer} to lose node {CutNode} on link0 only", CancellationToken.None);

            while (DateTime.UtcNow - cutAt < ObservationWindow)
            {
                var views = await ClusterWait.ViewsAsync(_lab, _lab.Nodes, CancellationToken.None);
                if (!views.All(v => v is { Quorate: true, NodeCount: 3 } && v.RingId == ring))
                {
                    Assert.Fail($"membership changed {(DateTime.UtcNow - cutAt).TotalSeconds:0.0} s after the cut (ring was {ring}):\n"
                        + string.Join("\n", views) + "\n" + LabDiagnostics.CorosyncLogTails(_lab));
                }
                await Task.Delay(Polling.DefaultInterval);
            }
        }
        finally
        {
            await _lab.HealAsync(CutNode, TwoLinkLabFixture.PreferredLink, CancellationToken.None);
        }

        await Polling.UntilAsync(
            ct => _lab.KnetLinksAsync(Observer, ct),
            view => view.IsConnected(TwoLinkLabFixture.PreferredLink, CutNode),
            ClusterWait.ChangeTimeout, $"node {Observer} to reach node {CutNode} on link0 again", CancellationToken.None);
        var after = await ClusterWait.ViewsAsync(_lab, _lab.Nodes, CancellationToken.None);
        Assert.All(after, v => Assert.Equal(ring, v!.RingId));
    }

    [LabFact]
    public async Task Cutting_both_links_does_split_the_node_off()
    {
        // The control experiment: the same node without any link is a real partition.
        await ClusterWait.ForWholeClusterAsync(_lab);
        await _lab.CutAsync(CutNode, link: null, drop: false, CancellationToken.None);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, [1, 2], members: 2, quorate: true);
            await ClusterWait.ForMembershipAsync(_lab, [CutNode], members: 1, quorate: false);
        }
        finally
        {
            await _lab.HealAsync(CutNode, link: null, CancellationToken.None);
        }
        await ClusterWait.ForWholeClusterAsync(_lab);
    }
}
