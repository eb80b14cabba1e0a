using PveCluster.Cfs.Replication.Messages;
using PveCluster.Cfs.Tree;
using PveCluster.Corosync.Cpg;
using Xunit.Abstractions;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// Concurrent writes share the protocol's rounds instead of queueing behind each other: counted in
/// messages and commits (what the real cluster pays per write), not in time.
/// </summary>
public sealed class PipelinedAcknowledgementTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Concurrent_writes_of_one_node_complete_with_one_report_and_no_announcement_of_the_writer()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 41, output);
        var log = cluster[1].Group.Log!;
        var start = log.Messages.Count;
        var writes = Enumerable.Range(0, 4).Select(i => cluster[1].Mkdir($"/concurrent{i}")).ToList();

        var writer = cluster[1];
        var member = cluster[2];
        var commits = (Writer: writer.Database.Commits, Member: member.Database.Commits);
        await cluster.Simulator.RunProcessAsync(writer.Group);
        member.Group.ReceiveUpTo(log.Messages.Count);
        await cluster.Simulator.RunProcessAsync(member.Group);
        writer.Group.ReceiveUpTo(log.Messages.Count);
        await cluster.Simulator.RunProcessAsync(writer.Group);

        // One exchange: the four operations, one report of one member, one commit on each side.
        foreach (var write in writes)
        {
            Assert.Equal(CfsError.None, await write.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(commits.Writer + 1, writer.Database.Commits);
        Assert.Equal(commits.Member + 1, member.Database.Commits);
        Assert.Equal(1, ReportsSince(log, start, member.Group.Self));
        // Nobody else waits for a run of the writer's own operations: announcing them would only
        // cost every member one more delivery per batch.
        Assert.Equal(0, ReportsSince(log, start, writer.Group.Self));

        await cluster.RunAsync();
        cluster.AssertConverged();
    }

    [Fact]
    public async Task Concurrent_writes_of_every_node_complete_after_one_report_of_each_member()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 42, output);
        var log = cluster[1].Group.Log!;
        var start = log.Messages.Count;
        var writes = cluster.Nodes.SelectMany(n => Enumerable.Range(0, 2).Select(i => n.Mkdir($"/n{n.NodeId}-{i}"))).ToList();

        // Every member delivers all six operations as one batch, then all reports.
        foreach (var node in cluster.Nodes)
        {
            node.Group.ReceiveUpTo(start + writes.Count);
            await cluster.Simulator.RunProcessAsync(node.Group);
        }

        foreach (var node in cluster.Nodes)
        {
            node.Group.ReceiveUpTo(log.Messages.Count);
            await cluster.Simulator.RunProcessAsync(node.Group);
        }

        foreach (var write in writes)
        {
            Assert.Equal(CfsError.None, await write.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.All(cluster.Nodes, n => Assert.Equal(1, ReportsSince(log, start, n.Group.Self)));
        Assert.Equal(start + writes.Count + cluster.Nodes.Count(), log.Messages.Count);
        cluster.AssertConverged();
    }

    [Fact]
    public async Task A_report_covering_only_committed_own_operations_completes_them_without_another_commit()
    {
        await using var cluster = await SimulatedCluster.StartAsync(3, seed: 43, output);
        var writer = cluster[1];
        var early = writer.Mkdir("/early");
        await cluster.Simulator.RunProcessAsync(writer.Group);

        // n2 applies n1's and n3's operations and reports both; n3 writes once more after that.
        var other = cluster[3].Mkdir("/other");
        var member = cluster[2].Group;
        member.ReceiveUpTo(member.Log!.Messages.Count);
        await cluster.Simulator.RunProcessAsync(member);
        var later = cluster[3].Mkdir("/later");

        // n1's queue: n3's operation, n2's report covering /early, n3's next operation: the batch
        // goes on, and /early is already on n1's disk.
        var commits = writer.Database.Commits;
        writer.Group.ReceiveUpTo(writer.Group.Log!.Messages.Count);
        while (writer.Group.PendingCount > 1)
        {
            await writer.Group.DeliverNextAsync();
        }

        Assert.Equal(CfsError.None, await early.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(commits, writer.Database.Commits);

        await cluster.RunAsync();
        Assert.Equal(CfsError.None, await other);
        Assert.Equal(CfsError.None, await later);
        cluster.AssertConverged();
    }

    private static int ReportsSince(ConfigurationLog log, int start, CpgMember sender) =>
        log.Messages.Skip(start).Count(m => m.Sender == sender && MessageCodec.Decode(m.Payload) is AppliedMessage);
}
