using System.Diagnostics;
using PveCluster.Integration.Tests.Cfs.Chaos;
using Xunit.Abstractions;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// Randomized partitions and crashes on real corosync with a writer on every node, then a heal and
/// a comparison of every node against what the writers were told. The seed is printed; see
/// <see cref="ChaosSettings"/> for repeating a run or making it longer (scripts/chaos.sh).
/// </summary>
public sealed class CfsChaosTests(CfsLabFixture fixture, ITestOutputHelper output) : IClassFixture<CfsLabFixture>
{
    /// <summary>Time for the whole cluster to become one identical tree again once everything is healed.</summary>
    private static readonly TimeSpan ConvergeTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A run that acknowledged fewer writes per node than this proves nothing (a broken writer or mount).</summary>
    private const int MinimumAcknowledgedPerNode = 30;

    [CfsFact]
    public async Task Random_cuts_and_crashes_lose_no_acknowledged_write_and_leave_no_divergent_node()
    {
        var settings = ChaosSettings.FromEnvironment();
        output.WriteLine($"chaos seed {settings.Seed} ({ChaosSettings.SeedVariable}), {settings.Duration.TotalSeconds:0} s ({ChaosSettings.SecondsVariable})");
        using var timeout = new CancellationTokenSource(settings.Duration + TimeSpan.FromMinutes(8));
        var token = timeout.Token;
        var clock = Stopwatch.StartNew();
        var cluster = fixture.Cluster;
        var lab = cluster.Lab;
        var writers = new ChaosWriters(cluster, settings.Seed);
        var scheduler = new ChaosScheduler(cluster, new Random(settings.Seed));
        var violations = new List<ChaosViolation>();

        await writers.PrepareAsync(token);
        await writers.StartAsync(token);
        try
        {
            await scheduler.RunAsync(settings.Duration, token);
        }
        finally
        {
            await RunStepAsync(violations, "restoring every node after the run", () => scheduler.RestoreAllAsync(token));
        }
        scheduler.Timeline.CloseOpen();
        violations.AddRange(scheduler.Problems.Select(p => new ChaosViolation(ChaosViolation.Run, p)));
        await RunStepAsync(violations, "waiting for the healed cluster", () => scheduler.RecoverAsync(token));

        foreach (var (node, writer) in writers.All.Except(writers.Running()))
        {
            violations.Add(new ChaosViolation(ChaosViolation.Run, $"writer {writer} on n{node} died during the run: {writers.Output(node, writer)}"));
        }
        foreach (var (node, writer) in await writers.StopAsync(token))
        {
            violations.Add(new ChaosViolation(ChaosViolation.Run, $"writer {writer} on n{node} hung in a syscall for over a minute after the heal (killed)"));
        }

        var trees = await ConvergedTreesAsync(cluster, token);
        var records = writers.Records();
        violations.AddRange(new ChaosChecker(records, scheduler.Timeline.Losses, trees).Check());
        foreach (var node in lab.Nodes)
        {
            var acknowledged = records.Count(r => r.Node == node && r.Succeeded);
            if (acknowledged < MinimumAcknowledgedPerNode)
            {
                violations.Add(new ChaosViolation(ChaosViolation.Run, $"n{node}'s writers completed only {acknowledged} operations: the run tested too little"));
            }
        }

        var report = new ChaosReport(settings, scheduler, records, violations) { Elapsed = clock.Elapsed };
        report.Save(cluster, writers, trees);
        var summary = report.Summary();
        output.WriteLine(summary);
        Assert.True(violations.Count == 0, summary);
    }

    /// <summary>Reads the final trees until every node holds the same one, or the timeout passed (the last reading is judged).</summary>
    private static async Task<IReadOnlyList<NodeTree>> ConvergedTreesAsync(PmxcfsCluster cluster, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ConvergeTimeout;
        while (true)
        {
            var trees = new List<NodeTree>();
            foreach (var node in cluster.Lab.Nodes)
            {
                trees.Add(await NodeTree.ReadAsync(cluster, node, [ChaosWriters.Root, ChaosWriters.LockDirectory], cancellationToken));
            }
            if (trees.All(t => t.SameAs(trees[0])) || DateTime.UtcNow > deadline)
            {
                return trees;
            }
            await Task.Delay(PveCluster.Lab.Polling.DefaultInterval * 4, cancellationToken);
        }
    }

    /// <summary>Runs a step whose failure is a finding of the run, not a reason to skip the checks.</summary>
    private static async Task RunStepAsync(List<ChaosViolation> violations, string step, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception e) when (e is TimeoutException or Lab.LabException or Xunit.Sdk.XunitException)
        {
            violations.Add(new ChaosViolation(ChaosViolation.Run, $"{step}: {e.GetType().Name}: {e.Message}"));
        }
    }
}
