using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tests.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>The real event loop (StartAsync reading ICpgGroup.Events) rather than deterministic stepping.</summary>
public sealed class LiveLoopTests
{
    [Fact]
    public async Task Two_started_trees_replicate_through_their_event_channels()
    {
        using var directory = new TempDirectory();
        var simulator = new CpgSimulator(seed: 1, clusterSize: 2);
        var trees = new List<ReplicatedConfigTree>();
        var databases = new List<PveCluster.Cfs.Persistence.ConfigDatabase>();
        for (var id = 1u; id <= 2; id++)
        {
            var database = directory.Open($"n{id}.db");
            databases.Add(database);
            SimulatedCpgGroup group;
            lock (simulator)
            {
                group = simulator.Connect(id, live: true);
            }

            var tree = new ReplicatedConfigTree(database, group, simulator.QuorumOf(id), simulator.Votes, id, NullLogger.Instance);
            trees.Add(tree);
            await tree.StartAsync(CancellationToken.None);
        }

        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        await Eventually.HoldsAsync(() => trees.All(t => t.IsSynced), "both trees synced");

        Assert.Equal(CfsError.None, await trees[1].MakeDirectoryAsync("/nodes", 1, timeout.Token));
        Assert.Equal(CfsError.Exists, await trees[0].MakeDirectoryAsync("/nodes", 1, timeout.Token));
        Assert.Equal(databases[0].ComputeDigest(), databases[1].ComputeDigest());

        foreach (var tree in trees)
        {
            await tree.DisposeAsync();
        }

        Assert.Equal(SyncMode.Start, trees[0].Mode);
        foreach (var database in databases)
        {
            database.Dispose();
        }
    }
}
