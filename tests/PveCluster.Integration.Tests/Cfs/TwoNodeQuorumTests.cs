using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>Two nodes of real corosync, corosync.conf as our editor writes it for pvecm, pmxcfs on both.</summary>
public sealed class TwoNodeCfsLabFixture : CfsLabFixture
{
    public TwoNodeCfsLabFixture()
        : base(2)
    {
    }
}

/// <summary>
/// A two-node cluster split in half must not have two writable halves: with <c>two_node: 1</c>
/// (which older planners wrote) votequorum lets each node alone be quorate, and both would accept
/// diverging writes to /etc/pve. Without it each half has 1 of 2 votes and is read-only.
/// </summary>
public sealed class TwoNodeQuorumTests : IClassFixture<TwoNodeCfsLabFixture>, IDisposable
{
    private const string Probe = "/etc/pve/split-probe";
    private static readonly int[] BothNodes = [1, 2];

    private readonly PmxcfsCluster _cluster;
    private readonly LabCluster _lab;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));

    public TwoNodeQuorumTests(TwoNodeCfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
        _lab = _cluster.Lab;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task A_split_leaves_neither_node_quorate_or_writable_and_a_heal_makes_both_writable_again()
    {
        foreach (var node in BothNodes)
        {
            Assert.DoesNotContain("two_node", await _cluster.ShCheckedAsync(node, "cat /etc/corosync/corosync.conf", Token),
                StringComparison.Ordinal);
        }
        await _cluster.ShCheckedAsync(1, $"printf 'before\\n' > {Probe}", Token);
        await _cluster.WaitIdenticalAsync(BothNodes, "/etc/pve", Token);

        await _lab.CutAsync(2, link: null, drop: false, Token);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, BothNodes, members: 1, quorate: false, Token);
            foreach (var node in BothNodes)
            {
                await Polling.UntilAsync(ct => _cluster.MembersAsync(node, ct), m => m is { Quorate: false },
                    PmxcfsCluster.ConvergeTimeout, $"pmxcfs on n{node} to see the cluster inquorate", Token);
                var write = await _cluster.ShAsync(node, $"printf 'split n{node}\\n' > {Probe}", Token);
                Assert.False(write.Succeeded, $"n{node} accepted a write to /etc/pve while split from the other node");
                Assert.Contains("Permission denied", write.StandardError, StringComparison.Ordinal);
                var create = await _cluster.ShAsync(node, $"mkdir /etc/pve/split-n{node}", Token);
                Assert.False(create.Succeeded, $"n{node} created a directory in /etc/pve while split");
                Assert.Equal("before\n", await _cluster.ShCheckedAsync(node, $"cat {Probe}", Token));
            }
        }
        finally
        {
            await _lab.HealAsync(2, link: null, CancellationToken.None);
        }

        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        foreach (var node in BothNodes)
        {
            await _cluster.WaitReadyAsync(node, Token);
            // Writable again once pmxcfs has resynced after the heal.
            await Polling.UntilAsync(ct => _cluster.ShAsync(node, $"printf 'healed n{node}\\n' > {Probe}", ct), r => r.Succeeded,
                PmxcfsCluster.ConvergeTimeout, $"n{node} to accept writes after the heal", Token);
        }
        await _cluster.WaitIdenticalAsync(BothNodes, "/etc/pve", Token);
        Assert.Equal("healed n2\n", await _cluster.ShCheckedAsync(1, $"cat {Probe}", Token));
        await _cluster.ShCheckedAsync(1, $"rm {Probe}", Token);
    }
}
