using System.CommandLine;
using Microsoft.Extensions.Logging;
using PveCluster.Bench.Cfs.Worker;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary><c>pve-bench-cfs [--nodes 3] [--files N] [--size 1024]</c>, plus the hidden worker subcommand.</summary>
public static class BenchCommand
{
    public static RootCommand Create()
    {
        var nodes = new Option<int>("--nodes") { Description = "Lab nodes, each running pmxcfs.", DefaultValueFactory = _ => 3 };
        var files = new Option<int>("--files") { Description = "Files to create in each workload.", DefaultValueFactory = _ => 2000 };
        var size = new Option<int>("--size") { Description = "Bytes per file.", DefaultValueFactory = _ => 1024 };
        var root = new RootCommand(
            "pve-bench-cfs: small-file create+write throughput, per-operation latency and read throughput of pmxcfs on a lab "
            + "cluster, next to the same workload on a plain directory of the same node. Needs root, corosync and the published pmxcfs.")
        {
            nodes, files, size,
        };
        root.Subcommands.Add(WorkerCommand.Create());
        root.SetAction(async (result, cancellationToken) =>
        {
            var options = new BenchOptions(result.GetValue(nodes), result.GetValue(files), result.GetValue(size));
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
                return await new BenchRun(options, loggers.CreateLogger("pve-bench-cfs")).RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("pve-bench-cfs: interrupted").ConfigureAwait(false);
                return 130;
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
