using Microsoft.Data.Sqlite;
using PveCluster.Cfs.Tree;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>Group commit under replication: one transaction per delivery batch, and acknowledgements only for what disks hold.</summary>
public sealed class GroupCommitReplicationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Operations_delivered_together_are_committed_in_one_transaction()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 31, output);
        var writes = Enumerable.Range(0, 4).Select(i => cluster[1].Mkdir($"/batch{i}")).ToList();
        var member = cluster[2];
        var commits = member.Database.Commits;

        member.Group.ReceiveUpTo(member.Group.Log!.Messages.Count);
        await cluster.Simulator.RunProcessAsync(member.Group);

        Assert.Equal(commits + 1, member.Database.Commits);
        Assert.All(Enumerable.Range(0, 4), i => Assert.NotNull(member.Tree.GetEntry($"/batch{i}")));
        await cluster.RunAsync();
        Assert.All(writes, w => Assert.Equal(CfsError.None, w.Result));
        cluster.AssertConverged();
    }

    [Fact]
    public async Task A_writer_commits_and_completes_when_a_report_arrives_without_waiting_for_the_end_of_its_batch()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 34, output);
        var mkdir = cluster[1].Mkdir("/early");
        var member = cluster[2].Group;
        member.ReceiveUpTo(member.Log!.Messages.Count);
        await cluster.Simulator.RunProcessAsync(member);

        // n1's queue: its own operation, n2's report, then n3's write: the batch does not end before n3's write.
        var other = cluster[3].Mkdir("/later");
        var writer = cluster[1].Group;
        writer.ReceiveUpTo(writer.Log!.Messages.Count);
        await writer.DeliverNextAsync();
        await writer.DeliverNextAsync();
        Assert.True(writer.HasPending);

        Assert.Equal(CfsError.None, await mkdir.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(IsCommitted(cluster.DatabasePath(1), "early"));
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await other);
        cluster.AssertConverged();
    }

    [Fact]
    public async Task Every_acknowledged_write_is_on_the_disks_of_a_quorum()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 32, output);
        var writes = new List<(string Name, Task<CfsError> Result)>();
        var verified = new HashSet<string>();
        cluster.Simulator.AfterStep = () =>
        {
            foreach (var (name, result) in writes)
            {
                if (result.IsCompletedSuccessfully && result.Result == CfsError.None && verified.Add(name))
                {
                    var holders = cluster.Nodes.Count(n => IsCommitted(cluster.DatabasePath(n.NodeId), name));
                    Assert.True(holders >= 2, $"/{name} was acknowledged while only {holders} disks held it");
                }
            }
        };

        for (var round = 0; round < 6; round++)
        {
            foreach (var node in cluster.Nodes)
            {
                var name = $"n{node.NodeId}-{round}";
                writes.Add((name, node.Mkdir("/" + name)));
            }

            await cluster.Simulator.RunStepsAsync(5);
        }

        await cluster.RunAsync();
        Assert.All(writes, w => Assert.Equal(CfsError.None, w.Result.Result));
        cluster.AssertConverged();
    }

    [Fact]
    public async Task Members_crashing_between_apply_and_commit_lose_nothing_acknowledged()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 33, output);
        var acknowledged = cluster[1].Mkdir("/acknowledged");
        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await acknowledged);

        var pending = new[] { cluster[1].Mkdir("/b"), cluster[1].Mkdir("/c") };
        foreach (var id in new uint[] { 2, 3 })
        {
            // /b applied, /c still queued: the batch is not over, so nothing of it is committed.
            var group = cluster[id].Group;
            group.ReceiveUpTo(group.Log!.Messages.Count);
            await group.DeliverNextAsync();
            Assert.NotNull(cluster[id].Tree.GetEntry("/b"));
            Assert.False(IsCommitted(cluster.DatabasePath(id), "b"));
        }

        Assert.All(pending, p => Assert.False(p.IsCompleted, "acknowledged before any other member committed it"));
        await cluster.CrashAsync(2);
        await cluster.CrashAsync(3);
        cluster.Restart(2);
        cluster.Restart(3);
        await cluster.RunAsync();

        cluster.AssertConverged();
        Assert.All(cluster.Nodes, n => Assert.NotNull(n.Tree.GetEntry("/acknowledged")));
        foreach (var (path, result) in new[] { "/b", "/c" }.Zip(pending))
        {
            if (result is { IsCompletedSuccessfully: true, Result: CfsError.None })
            {
                Assert.All(cluster.Nodes, n => Assert.NotNull(n.Tree.GetEntry(path)));
            }
        }
    }

    /// <summary>Whether a committed row named <paramref name="name"/> is in the file (read by a second connection, as another process would).</summary>
    private static bool IsCommitted(string database, string name)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM tree WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return (long)command.ExecuteScalar()! > 0;
    }
}
