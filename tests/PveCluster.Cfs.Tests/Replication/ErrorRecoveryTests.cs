using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

public sealed class ErrorRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_member_whose_sync_fails_leaves_and_rejoins_the_group_and_resyncs()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 11, output);
        await cluster.StopAsync(3);
        var write = cluster[1].Mkdir("/while-n3-was-down");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await write);

        // The first update of the next sync arrives damaged: n3 cannot adopt the leader's tree.
        var tampered = false;
        cluster.Simulator.Tamper = (_, payload) =>
        {
            if (tampered || MessageCodec.Decode(payload) is not UpdateMessage update)
            {
                return payload;
            }

            tampered = true;
            return MessageCodec.Encode(update with { Entries = update.Entries.Select(e => e with { MTime = e.MTime + 1 }).ToList() });
        };
        var modes = new List<SyncMode>();
        var restarted = cluster.Restart(3);
        restarted.Tree.StatusChanged += (_, _) => modes.Add(restarted.Tree.Mode);
        await cluster.RunAsync();

        Assert.True(tampered);
        Assert.Contains(SyncMode.Error, modes);
        cluster.AssertConverged();
        Assert.NotNull(cluster[3].Tree.GetEntry("/while-n3-was-down"));
        var after = cluster[3].Mkdir("/after-rejoin");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await after);
    }

    [Fact]
    public async Task The_verify_round_finds_a_member_whose_tree_differs_and_resyncs_it_from_the_leader()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 12, output);
        var write = cluster[2].Mkdir("/shared");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await write);

        // Behind replication's back (a bug or a damaged disk): n3's tree no longer matches.
        Assert.Equal(CfsError.None, cluster[3].Database.Apply(new MakeDirectoryOperation("/rogue", 1), 3, 1));
        var modes = new List<SyncMode>();
        cluster[3].Tree.StatusChanged += (_, _) => modes.Add(cluster[3].Tree.Mode);

        await cluster[1].Tree.RequestVerifyAsync(CancellationToken.None);
        await cluster.RunAsync();

        Assert.Contains(SyncMode.Error, modes);
        cluster.AssertConverged();
        Assert.All(cluster.Nodes, n => Assert.Null(n.Tree.GetEntry("/rogue")));
        Assert.All(cluster.Nodes, n => Assert.NotNull(n.Tree.GetEntry("/shared")));
    }
}
