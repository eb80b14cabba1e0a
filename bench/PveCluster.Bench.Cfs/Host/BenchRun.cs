using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Bench.Cfs.Worker;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>
/// One benchmark: builds its own lab, starts pmxcfs everywhere, runs the worker inside node 1 against
/// /etc/pve and against a plain directory of the same node, prints the table, and always tears down.
/// </summary>
public sealed class BenchRun(BenchOptions options, ILogger logger)
{
    public const int TokenMs = 1000;
    private const string PmxcfsDirectory = "/etc/pve/bench";
    private const string ReferenceDirectory = "/var/lib/pve-cluster/bench-ref";
    private const int MeasuredNode = 1;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var worker = WorkerCommandLine();
        Progress($"building a {options.Nodes}-node lab (token {TokenMs} ms)");
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = options.Nodes, TokenMs = TokenMs, StartPveServices = false }, logger, cancellationToken)
            .ConfigureAwait(false);
        var pmxcfs = new PmxcfsNodes(lab);
        try
        {
            if (lab.ArtifactsDirectory is not { } artifacts || !File.Exists(Path.Combine(artifacts, "pmxcfs")))
                throw new LabException($"no published pmxcfs in {lab.ArtifactsDirectory ?? "(no artifacts directory)"}; run scripts/build.sh or set ${LabCluster.ArtifactsVariable}");
            Progress($"lab {lab.Id} up; starting pmxcfs on every node");
            await pmxcfs.StartAllAsync(cancellationToken).ConfigureAwait(false);

            var statfsType = (await CheckedAsync(lab, ["stat", "-f", "-c", "%T", "/var/lib/pve-cluster"], cancellationToken).ConfigureAwait(false)).Trim();
            var referenceFileSystem = statfsType == "tmpfs" ? "tmpfs, in memory" : $"on disk, statfs type {statfsType}";
            await CheckedAsync(lab, ["rm", "-rf", ReferenceDirectory], cancellationToken).ConfigureAwait(false);

            Progress($"pmxcfs workload in {PmxcfsDirectory}");
            var replicated = await RunWorkerAsync(lab, worker, PmxcfsDirectory, cancellationToken).ConfigureAwait(false);
            Progress($"reference workload in {ReferenceDirectory} ({referenceFileSystem})");
            var reference = await RunWorkerAsync(lab, worker, ReferenceDirectory, cancellationToken).ConfigureAwait(false);

            Console.Out.WriteLine();
            Console.Out.Write(ResultTable.Render(options, TokenMs, replicated, reference, referenceFileSystem));
            return 0;
        }
        finally
        {
            Progress($"tearing lab {lab.Id} down");
            using var teardown = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await pmxcfs.StopAllAsync(teardown.Token).ConfigureAwait(false);
            }
            finally
            {
                await lab.DownAsync(teardown.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task<WorkloadResult> RunWorkerAsync(LabCluster lab, IReadOnlyList<string> worker, string directory, CancellationToken cancellationToken)
    {
        var output = await CheckedAsync(lab,
            [.. worker, WorkerCommand.Name, "--dir", directory,
             "--files", options.Files.ToString(CultureInfo.InvariantCulture), "--size", options.Size.ToString(CultureInfo.InvariantCulture)],
            cancellationToken).ConfigureAwait(false);
        return WorkerCommand.Parse(output);
    }

    private static async Task<string> CheckedAsync(LabCluster lab, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await lab.ExecAsync(MeasuredNode, command, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new LabException($"n{MeasuredNode}: `{string.Join(' ', command)}` exited {result.ExitCode}: {result.StandardError.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>This very program, runnable inside a node (which sees the host's file system outside its private directories).</summary>
    private static IReadOnlyList<string> WorkerCommandLine()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("cannot find this program's path");
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, typeof(BenchRun).Assembly.Location]
            : [process];
    }

    private static void Progress(string message) => Console.Error.WriteLine($"pve-bench-cfs: {message}");
}
