using FsCheck.Xunit;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// The shape of the lost-write bug in the lab: a node applies and announces a burst of its own
/// operations that nobody else received, is cut off, and the majority goes on with fewer
/// operations. The minority's tree is then "newer" by version, yet it must never win the sync
/// after the heal: the majority's acknowledged writes stay and the minority's burst goes.
/// </summary>
public sealed class MinorityBranchProperties
{
    [Property(MaxTest = 40)]
    public void A_minority_branch_with_more_operations_never_wins_over_the_quorate_one(int seed) =>
        Task.Run(() => RunAsync(seed)).GetAwaiter().GetResult();

    private static async Task RunAsync(int seed)
    {
        var random = new Random(seed);
        await using var cluster = await SimulatedCluster.StartAsync(3, seed);
        var minorityOperations = random.Next(5, 30);
        var majorityOperations = random.Next(1, minorityOperations);

        // Sent, and received only by the sender; the minority applies them and tells the group
        // (its announcement is received by nobody else either).
        var burst = Enumerable.Range(1, minorityOperations).Select(i => cluster[3].Mkdir($"/m{i}")).ToList();
        await cluster.Simulator.RunProcessAsync(cluster[3].Group);
        var minorityVersion = cluster[3].Tree.TreeVersion;

        cluster.Simulator.Partition([1, 2], [3]);
        await cluster.RunAsync();
        if (random.Next(2) == 0)
        {
            // Variant: the minority's pmxcfs restarts from its database before the heal.
            await cluster.StopAsync(3);
            cluster.Restart(3);
            await cluster.RunAsync();
        }

        var quorate = Enumerable.Range(1, majorityOperations).Select(i => cluster[(uint)random.Next(1, 3)].Mkdir($"/q{i}")).ToList();
        await cluster.RunAsync();
        Assert.All(await Task.WhenAll(quorate), r => Assert.Equal(CfsError.None, r));
        Assert.True(minorityVersion > cluster[1].Tree.TreeVersion,
            $"the scenario needs the minority ahead by version ({minorityVersion} vs {cluster[1].Tree.TreeVersion})");

        cluster.Simulator.Heal();
        await cluster.RunAsync();

        cluster.AssertConverged();
        Assert.All(cluster.Nodes, n => Assert.All(Enumerable.Range(1, majorityOperations), i => Assert.NotNull(n.Tree.GetEntry($"/q{i}"))));
        Assert.All(cluster.Nodes, n => Assert.All(Enumerable.Range(1, minorityOperations), i => Assert.Null(n.Tree.GetEntry($"/m{i}"))));
        Assert.All(await Task.WhenAll(burst), r => Assert.Equal(CfsError.IoError, r));
    }
}
