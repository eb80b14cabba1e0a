using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// pmxcfs on a cluster node whose corosync is not running (stopped by an admin, or not started yet at boot: Proxmox
/// starts pmxcfs before corosync): it must mount /etc/pve read-only and join the cluster by itself once corosync runs.
/// </summary>
public sealed class CfsCorosyncDownTests : IClassFixture<CfsLabFixture>, IDisposable
{
    private static readonly int[] AllNodes = [1, 2, 3];
    private static readonly int[] Remaining = [1, 2];
    private const int Node = 3;

    private readonly PmxcfsCluster _cluster;
    private readonly LabCluster _lab;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(4));

    public CfsCorosyncDownTests(CfsLabFixture fixture)
    {
        _cluster = fixture.Cluster;
        _lab = _cluster.Lab;
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [CfsFact]
    public async Task Started_without_corosync_it_serves_read_only_and_joins_and_syncs_once_corosync_runs()
    {
        await _cluster.ShCheckedAsync(1, "mkdir /etc/pve/down && printf 'before\\n' > /etc/pve/down/before", Token);
        await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/down", Token);

        await _cluster.StopAsync(Node, kill: false, Token);
        await _lab.StopCorosyncAsync(Node, kill: false, Token);
        try
        {
            await ClusterWait.ForMembershipAsync(_lab, Remaining, members: 2, quorate: true, Token);
            await _cluster.StartAsync(Node, Token);

            Assert.Equal("before\n", await _cluster.ShCheckedAsync(Node, "cat /etc/pve/down/before", Token));
            var members = await _cluster.MembersAsync(Node, Token);
            Assert.False(members?.Quorate ?? true, $"n3 without corosync reports quorum: {members}");
            foreach (var script in new[] { "printf 'x\\n' > /etc/pve/down/before", "printf 'x\\n' > /etc/pve/down/new", "rm /etc/pve/down/before", "mkdir /etc/pve/down/dir" })
            {
                var refused = await _cluster.ShAsync(Node, script, Token);
                Assert.False(refused.Succeeded, $"`{script}` succeeded on n3 without corosync");
                Assert.Contains("Permission denied", refused.StandardError, StringComparison.Ordinal);
            }
            await Polling.UntilAsync(
                _ => Task.FromResult(_cluster.LogTail(Node, 200)),
                log => log.Contains("retrying in", StringComparison.Ordinal),
                ClusterWait.ChangeTimeout, "n3's pmxcfs to log that it retries corosync", Token);
            Assert.Contains("corosync does not answer", _cluster.LogTail(Node, 200), StringComparison.Ordinal);

            await _cluster.ShCheckedAsync(1, "printf 'while n3 had no corosync\\n' > /etc/pve/down/during", Token);
        }
        finally
        {
            await _lab.StartCorosyncAsync(Node, CancellationToken.None);
        }

        await ClusterWait.ForWholeClusterAsync(_lab, Token);
        await _cluster.WaitReadyAsync(Node, Token);
        await Polling.UntilAsync(
            async ct => (await _cluster.ShAsync(Node, "printf 'n3 again\\n' > /etc/pve/down/from-n3", ct)).Succeeded,
            written => written, PmxcfsCluster.ReadyTimeout, "n3 to accept writes once corosync runs", Token);
        var tree = await _cluster.WaitIdenticalAsync(AllNodes, "/etc/pve/down", Token);
        Assert.Equal(["f ./before", "f ./during", "f ./from-n3"], tree.Entries.Order(StringComparer.Ordinal));
        Assert.Equal("while n3 had no corosync\n", await _cluster.ShCheckedAsync(Node, "cat /etc/pve/down/during", Token));
        Assert.Equal("n3 again\n", await _cluster.ShCheckedAsync(2, "cat /etc/pve/down/from-n3", Token));
    }
}
