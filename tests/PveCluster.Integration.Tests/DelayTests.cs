using System.Globalization;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests;

/// <summary>`delay` (NFQUEUE holder; this kernel has no netem) slows a node's packets as knet measures them.</summary>
public sealed class DelayTests : IClassFixture<ThreeNodeLabFixture>
{
    private const int DelayedNode = 3;
    private const int Observer = 1;
    private const int DelayMs = 200;

    private readonly LabCluster _lab;

    public DelayTests(ThreeNodeLabFixture fixture)
    {
        _lab = fixture.Lab;
    }

    [LabFact]
    public async Task Delaying_a_node_raises_the_knet_latency_its_peers_measure_and_removing_it_cleans_up()
    {
        await ClusterWait.ForWholeClusterAsync(_lab);
        var baseline = await KnetLatencyMicrosecondsAsync();
        Assert.True(baseline < 20_000, $"undelayed LAN latency should be far below 20 ms, got {baseline} us");

        await _lab.DelayAsync(DelayedNode, DelayMs, link: 0, CancellationToken.None);
        try
        {
            Assert.True((await _lab.LinkStatusAsync(DelayedNode, CancellationToken.None))[0].Delayed);
            Assert.Contains(_lab.Processes, p => p.Node == DelayedNode && p.Name == "delay-l0");
            // knet's running average moves toward the new one-way estimate (about half the added round trip).
            await Polling.UntilAsync(_ => KnetLatencyMicrosecondsAsync(), latency => latency > DelayMs * 1000 / 4,
                ClusterWait.ChangeTimeout, $"knet latency to node {DelayedNode} to exceed {DelayMs / 4} ms", CancellationToken.None);
            // A delay well below the token timeout is slow, not broken: the membership holds.
            await ClusterWait.ForWholeClusterAsync(_lab);
        }
        finally
        {
            await _lab.DelayAsync(DelayedNode, 0, link: 0, CancellationToken.None);
        }
        Assert.False((await _lab.LinkStatusAsync(DelayedNode, CancellationToken.None))[0].Delayed);
        Assert.DoesNotContain(_lab.Processes, p => p.Node == DelayedNode && p.Name == "delay-l0");
        await ClusterWait.ForWholeClusterAsync(_lab);
    }

    private async Task<long> KnetLatencyMicrosecondsAsync()
    {
        var key = $"stats.knet.node{DelayedNode}.link0.latency_ave";
        var result = await _lab.ExecCheckedAsync(Observer, ["corosync-cmapctl", "-m", "stats", key], CancellationToken.None);
        var line = result.StandardOutput.Split('\n').Single(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        return long.Parse(line[(line.LastIndexOf('=') + 1)..].Trim(), CultureInfo.InvariantCulture);
    }
}
