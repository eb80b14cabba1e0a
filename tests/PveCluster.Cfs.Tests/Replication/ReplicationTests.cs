using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

public sealed class ReplicationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Three_nodes_start_synced_and_report_the_membership()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 1, output);
        cluster.AssertConverged();
        Assert.All(cluster.Nodes, n => Assert.Equal([1u, 2u, 3u], n.Tree.MemberNodeIds));
        Assert.All(cluster.Nodes, n => Assert.True(n.Tree.IsWritable));
    }

    [Fact]
    public async Task A_write_completes_only_after_it_was_applied_in_order_everywhere()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 2, output);
        var create = cluster[1].Create("/datacenter.cfg");

        Assert.False(create.IsCompleted);
        Assert.Null(cluster[1].Tree.GetEntry("/datacenter.cfg"));

        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await create);
        Assert.All(cluster.Nodes, n => Assert.NotNull(n.Tree.GetEntry("/datacenter.cfg")));
        Assert.All(cluster.Nodes, n => Assert.Equal(1u, n.Tree.GetEntry("/datacenter.cfg")!.Writer));
        cluster.AssertConverged();
    }

    [Fact]
    public async Task Concurrent_writes_on_all_nodes_converge_and_conflicts_are_decided_once()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 3, output);
        var sameFile = cluster.Nodes.Select(n => n.Create("/same.cfg")).ToList();
        var ownFiles = cluster.Nodes.Select(n => n.Mkdir($"/dir{n.NodeId}")).ToList();
        await cluster.RunAsync();

        var results = await Task.WhenAll(sameFile);
        Assert.Single(results, r => r == CfsError.None);
        Assert.Equal(2, results.Count(r => r == CfsError.Exists));
        Assert.All(await Task.WhenAll(ownFiles), r => Assert.Equal(CfsError.None, r));

        var writes = cluster.Nodes.Select(n => n.Write("/same.cfg", $"from node {n.NodeId}")).ToList();
        await cluster.RunAsync();
        Assert.All(await Task.WhenAll(writes), r => Assert.Equal(CfsError.None, r));
        cluster.AssertConverged();
        Assert.Equal(3, cluster[1].Tree.ListDirectory("/")!.Count(e => e.Name.StartsWith("dir", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_same_operation_allocates_the_same_inode_on_every_node()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 4, output);
        var mkdir = cluster[2].Mkdir("/nodes");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await mkdir);
        var inodes = cluster.Nodes.Select(n => n.Tree.GetEntry("/nodes")!.Inode).Distinct();
        Assert.Single(inodes);
    }

    [Fact]
    public async Task A_partition_without_quorum_refuses_writes_but_serves_reads()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 5, output);
        var create = cluster[1].Create("/f");
        await cluster.RunAsync();
        await create;

        cluster.Simulator.Partition([1, 2], [3]);
        await cluster.RunAsync();

        Assert.False(cluster[3].Tree.IsWritable);
        Assert.Equal(CfsError.AccessDenied, await cluster[3].Write("/f", "minority"));
        Assert.Equal(CfsError.AccessDenied, await cluster[3].Mkdir("/d"));
        Assert.NotNull(cluster[3].Tree.GetEntry("/f"));
        Assert.Equal([3u], cluster[3].Tree.MemberNodeIds);

        var majority = cluster[1].Write("/f", "majority");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await majority);
        Assert.Equal("majority", cluster[2].Text("/f"));
        Assert.Equal("", cluster[3].Text("/f"));
    }

    [Fact]
    public async Task After_a_partition_heals_everybody_adopts_the_changes_made_meanwhile()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 6, output);
        foreach (var op in new Func<Task<CfsError>>[]
                 {
                     () => cluster[1].Mkdir("/nodes"), () => cluster[1].Create("/old"), () => cluster[1].Create("/moved"),
                 })
        {
            var pending = op();
            await cluster.RunAsync();
            Assert.Equal(CfsError.None, await pending);
        }

        cluster.Simulator.Partition([1, 2], [3]);
        await cluster.RunAsync();
        var changes = new[]
        {
            cluster[2].Create("/new"), cluster[1].Delete("/old"), cluster[2].Rename("/moved", "/nodes/renamed"),
        };
        await cluster.RunAsync();
        Assert.All(await Task.WhenAll(changes), r => Assert.Equal(CfsError.None, r));
        Assert.NotNull(cluster[3].Tree.GetEntry("/old"));

        cluster.Simulator.Heal();
        await cluster.RunAsync();

        cluster.AssertConverged();
        Assert.NotNull(cluster[3].Tree.GetEntry("/new"));
        Assert.Null(cluster[3].Tree.GetEntry("/old"));
        Assert.Null(cluster[3].Tree.GetEntry("/moved"));
        Assert.NotNull(cluster[3].Tree.GetEntry("/nodes/renamed"));
        Assert.True(cluster[3].Tree.IsWritable);
    }

    [Fact]
    public async Task A_restarted_member_reopens_its_database_and_resyncs()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 7, output);
        var create = cluster[1].Create("/before");
        await cluster.RunAsync();
        await create;

        await cluster.StopAsync(3);
        await cluster.RunAsync();
        var whileDown = new[] { cluster[1].Create("/while-down"), cluster[2].Delete("/before") };
        await cluster.RunAsync();
        Assert.All(await Task.WhenAll(whileDown), r => Assert.Equal(CfsError.None, r));

        var restarted = cluster.Restart(3);
        Assert.NotNull(restarted.Tree.GetEntry("/before"));
        await cluster.RunAsync();

        cluster.AssertConverged();
        Assert.Null(restarted.Tree.GetEntry("/before"));
        Assert.NotNull(restarted.Tree.GetEntry("/while-down"));
    }

    [Fact]
    public async Task Writes_sent_during_a_sync_are_applied_after_it()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 8, output);
        await cluster.StopAsync(3);
        await cluster.RunAsync();
        cluster.Restart(3);

        // The configuration change is queued but not yet handled: node 1 is still synced and quorate.
        var duringSync = cluster[1].Create("/during-sync");
        await cluster.RunAsync();

        Assert.Equal(CfsError.None, await duringSync);
        cluster.AssertConverged();
        Assert.NotNull(cluster[3].Tree.GetEntry("/during-sync"));
    }

    [Fact]
    public async Task Losing_corosync_fails_waiting_writes_and_refuses_new_ones()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 9, output);
        var pending = cluster[1].Create("/lost");
        cluster.Simulator.LoseConnection(cluster[1].Group);
        await cluster.RunAsync();

        Assert.Equal(CfsError.IoError, await pending);
        Assert.Equal(SyncMode.Start, cluster[1].Tree.Mode);
        Assert.Empty(cluster[1].Tree.MemberNodeIds);
        Assert.Equal(CfsError.AccessDenied, await cluster[1].Create("/x"));
        Assert.Equal([2u, 3u], cluster[2].Tree.MemberNodeIds);
    }

    [Fact]
    public async Task Changed_fires_for_remote_changes_and_for_sync_updates()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 10, output);
        var seen = new List<string>();
        cluster[3].Tree.Changed += (_, e) => seen.Add(e.Path);
        var create = cluster[1].Create("/remote");
        await cluster.RunAsync();
        await create;
        Assert.Contains("/remote", seen);

        cluster.Simulator.Partition([1, 2], [3]);
        await cluster.RunAsync();
        var mkdir = cluster[1].Mkdir("/in-majority");
        await cluster.RunAsync();
        await mkdir;
        cluster.Simulator.Heal();
        await cluster.RunAsync();
        Assert.Contains("/in-majority", seen);
    }
}
