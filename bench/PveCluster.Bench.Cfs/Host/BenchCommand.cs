using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using PveCluster.Bench.Cfs.Worker;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary><c>pve-bench-cfs [--nodes 3] [--files N] [--size 1024] [--writers N] [--spread] [--compare PATH] [--json] [--join]</c>, plus the hidden worker subcommands.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Lab nodes, each running pmxcfs (1..16).", DefaultValueFactory = _ => 3 };
        var files = new Option<int>("--files") { Description = "Files to create in total.", DefaultValueFactory = _ => 2000 };
        var size = new Option<int>("--size") { Description = "Bytes per file.", DefaultValueFactory = _ => 1024 };
        var writers = new Option<int>("--writers") { Description = "Concurrent writers in total.", DefaultValueFactory = _ => 1 };
        var spread = new Option<bool>("--spread") { Description = "Put the writers round-robin on every node instead of all on n1." };
        var compare = new Option<string?>("--compare")
        {
            Description = "Another pmxcfs binary (taking `-f --nodename N`) to run the same workload on the same lab after ours; prints both and the ratios.",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON instead of a table." };
        var join = new Option<bool>("--join")
        {
            Description = "Instead of the pmxcfs workload: `pvecm create` on n1 of standalone hosts, then `pvecm add` on every other node, each timed step by step.",
        };
        var root = new RootCommand(
            "pve-bench-cfs: pmxcfs start-up time, memory, small-file create+write throughput and latency, and read throughput on a "
            + "lab cluster, optionally next to another pmxcfs binary. Needs root, corosync and the published pmxcfs.")
        {
            nodes, files, size, writers, spread, compare, json, join,
        };
        foreach (var worker in WorkerCommand.Create())
            root.Subcommands.Add(worker);
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new BenchOptions(result.GetValue(nodes), result.GetValue(files), result.GetValue(size),
                result.GetValue(writers), result.GetValue(spread), result.GetValue(compare), result.GetValue(json), result.GetValue(join));
            var problems = options.Problems().ToList();
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                    await Console.Error.WriteLineAsync($"pve-bench-cfs: {problem}").ConfigureAwait(false);
                return 2;
            }
            using var loggers = LoggerFactory.Create(builder => builder
                .AddSimpleConsole(console => console.SingleLine = true)
                .SetMinimumLevel(LogLevel.Warning));
            try
            {
                var logger = loggers.CreateLogger("pve-bench-cfs");
                string printed;
                if (options.Join)
                {
                    var joins = await new JoinBenchRun(options, logger).RunAsync(cancellationToken).ConfigureAwait(false);
                    printed = options.Json ? JsonSerializer.Serialize(joins, ReportJson.Default.JoinReport) : JoinTable.Render(joins);
                }
                else
                {
                    var report = await new BenchRun(options, logger).RunAsync(cancellationToken).ConfigureAwait(false);
                    printed = options.Json ? JsonSerializer.Serialize(report, ReportJson.Default.BenchReport) : ResultTable.Render(report);
                }
                await Console.Out.WriteLineAsync(printed).ConfigureAwait(false);
                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("pve-bench-cfs: interrupted").ConfigureAwait(false);
                return 130;
            }
            catch (OperationCanceledException e)
            {
                // A bounded wait of the run itself (stopping pmxcfs, tearing the lab down) ran out.
                await Console.Error.WriteLineAsync($"pve-bench-cfs: gave up waiting: {e.Message}").ConfigureAwait(false);
                return 1;
            }
            catch (Exception e) when (e is LabException or TimeoutException or InvalidDataException)
            {
                await Console.Error.WriteLineAsync($"pve-bench-cfs: {e.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return root;
    }
}
