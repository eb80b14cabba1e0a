using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Bench.Cfs.Worker;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>
/// One benchmark: builds its own lab, then for our pmxcfs and (with <c>--compare</c>) the other
/// binary in turn starts it on every node, runs the same workload, measures, stops it and clears its
/// state; prints the figures side by side and always tears the lab down.
/// </summary>
public sealed class BenchRun(BenchOptions options, ILogger logger)
{
    public const int TokenMs = 1000;
    private const string BenchDirectory = "/etc/pve/bench";
    private const int StatusCommandRuns = 5;

    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        Progress($"building a {options.Nodes}-node lab (token {TokenMs} ms)");
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = options.Nodes, TokenMs = TokenMs, StartPveServices = false }, logger, cancellationToken)
            .ConfigureAwait(false);
        try
        {
            if (lab.ArtifactsDirectory is not { } artifacts || !File.Exists(Path.Combine(artifacts, "pmxcfs")))
                throw new LabException($"no published pmxcfs in {lab.ArtifactsDirectory ?? "(no artifacts directory)"}; run scripts/build.sh or set ${LabCluster.ArtifactsVariable}");
            var subjects = new List<(string Label, string Program)> { ("pmxcfs", Path.Combine(artifacts, "pmxcfs")) };
            if (options.ComparePath is { } compare)
                subjects.Add(("compare", Path.GetFullPath(compare)));

            var results = new List<SubjectResult>();
            StatusCommandFigures? statusCommands = null;
            foreach (var (label, program) in subjects)
            {
                var nodes = new PmxcfsNodes(lab, program);
                try
                {
                    Progress($"lab {lab.Id}: starting {program} on every node");
                    var startup = await nodes.StartAllAsync(cancellationToken).ConfigureAwait(false);
                    var idle = nodes.ResidentKiB();
                    if (label == "pmxcfs")
                        statusCommands = await TimeStatusCommandsAsync(lab, artifacts, cancellationToken).ConfigureAwait(false);
                    Progress($"{label}: {options.Writers} writer(s) in {BenchDirectory}{(options.Spread ? " on every node" : " on n1")}");
                    var write = await WriteAsync(lab, cancellationToken).ConfigureAwait(false);
                    var read = await ReadAsync(lab, cancellationToken).ConfigureAwait(false);
                    results.Add(new SubjectResult(label, program, startup, idle, write, read, nodes.ResidentKiB()));
                }
                finally
                {
                    using var stopping = new CancellationTokenSource(TimeSpan.FromMinutes(2));
                    await nodes.StopAllAsync(stopping.Token).ConfigureAwait(false);
                }
            }
            return new BenchReport(options, TokenMs, results, statusCommands);
        }
        finally
        {
            Progress($"tearing lab {lab.Id} down");
            using var teardown = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await lab.DownAsync(teardown.Token).ConfigureAwait(false);
        }
    }

    private async Task<WriteFigures> WriteAsync(LabCluster lab, CancellationToken cancellationToken)
    {
        var plan = options.WriterPlan();
        await CheckedAsync(lab, 1, ["mkdir", "-p", BenchDirectory], cancellationToken).ConfigureAwait(false);
        foreach (var process in plan)
        {
            await Polling.UntilAsync(
                async ct => (await lab.ExecAsync(process.Node, ["test", "-d", BenchDirectory], ct).ConfigureAwait(false)).Succeeded,
                present => present, TimeSpan.FromSeconds(30), $"{BenchDirectory} on n{process.Node}", cancellationToken).ConfigureAwait(false);
        }
        // Every process starts at the same wall-clock moment, after all of them had time to load.
        var startAt = (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds + 2000 + 250 * plan.Count;
        var samples = await Task.WhenAll(plan.Select(async process =>
        {
            var output = await CheckedAsync(lab, process.Node,
                [.. WorkerCommandLine(), WorkerCommand.Write, "--dir", BenchDirectory, "--prefix", PmxcfsNodes.NodeName(process.Node),
                 "--files", Text(process.Files), "--size", Text(options.Size), "--threads", Text(process.Threads),
                 "--start-at", startAt.ToString("F3", CultureInfo.InvariantCulture)],
                cancellationToken).ConfigureAwait(false);
            return WorkerCommand.Parse(output, WorkerCommand.WriteType);
        })).ConfigureAwait(false);
        if (samples.Min(s => s.StartUnixMs) < startAt - 1 || samples.Max(s => s.StartUnixMs) > startAt + 50)
            logger.LogWarning("writer processes did not start together (starts {Starts} ms after the planned moment)",
                string.Join(", ", samples.Select(s => (s.StartUnixMs - startAt).ToString("F0", CultureInfo.InvariantCulture))));
        return WriteFigures.Combine(samples);
    }

    private async Task<ReadSample> ReadAsync(LabCluster lab, CancellationToken cancellationToken)
    {
        // Spread writers: node 1 must hold every file before it reads them all.
        await Polling.UntilAsync(
            async ct => (await lab.ExecAsync(1, ["sh", "-c", $"ls {BenchDirectory} | wc -l"], ct).ConfigureAwait(false)).StandardOutput.Trim(),
            count => count == Text(options.Files), TimeSpan.FromSeconds(60), $"all {options.Files} files in n1's {BenchDirectory}", cancellationToken)
            .ConfigureAwait(false);
        var output = await CheckedAsync(lab, 1,
            [.. WorkerCommandLine(), WorkerCommand.Read, "--dir", BenchDirectory, "--size", Text(options.Size)], cancellationToken).ConfigureAwait(false);
        return WorkerCommand.Parse(output, WorkerCommand.ReadType);
    }

    private static async Task<StatusCommandFigures> TimeStatusCommandsAsync(LabCluster lab, string artifacts, CancellationToken cancellationToken)
    {
        async Task<TimedCommandSample> TimeAsync(params string[] command) => WorkerCommand.Parse(
            await CheckedAsync(lab, 1, [.. WorkerCommandLine(), WorkerCommand.Time, "--runs", Text(StatusCommandRuns), "--", .. command], cancellationToken)
                .ConfigureAwait(false),
            WorkerCommand.TimeType);
        var pvecm = await TimeAsync(Path.Combine(artifacts, "pvecm"), "status").ConfigureAwait(false);
        var quorumTool = await TimeAsync("corosync-quorumtool", "-s").ConfigureAwait(false);
        return new StatusCommandFigures(pvecm, quorumTool);
    }

    private static async Task<string> CheckedAsync(LabCluster lab, int node, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await lab.ExecAsync(node, command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new LabException($"n{node}: `{string.Join(' ', command)}` exited {result.ExitCode}: {result.StandardError.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>This very program, runnable inside a node (which sees the host's file system outside its private directories).</summary>
    internal static IReadOnlyList<string> WorkerCommandLine()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(BenchRun).Assembly.Location]
            : [process];
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Progress(string message) => Console.Error.WriteLine($"pve-bench-cfs: {message}");
}
