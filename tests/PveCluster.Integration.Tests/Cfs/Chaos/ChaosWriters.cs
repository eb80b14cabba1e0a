using System.Globalization;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// <see cref="PerNode"/> chaos-writer.pl processes on every node, each in its own directory
/// /etc/pve/chaos/nI-wJ, all contending for the same mkdir locks in /etc/pve/priv/lock. Several per
/// node, so that a cut usually finds operations in flight. The writers log to the node's private
/// /root, which the host reads directly.
/// </summary>
public sealed class ChaosWriters(PmxcfsCluster cluster, int seed)
{
    public const string Root = "/etc/pve/chaos";
    public const string LockDirectory = "/etc/pve/priv/lock";
    public const int PerNode = 2;
    public const int LockCount = 3;
    public const int CounterCount = 5;

    private const string ProcessPrefix = "chaos-writer-";
    private const string Script = "chaos-writer.pl";
    private const string StopFile = "chaos-stop";

    /// <summary>A writer blocked in a syscall gets this long to return once asked to stop; longer is a hang.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly LabCluster _lab = cluster.Lab;

    private static IEnumerable<int> Writers => Enumerable.Range(1, PerNode);

    public static string Directory(int node, int writer) => $"{Root}/n{node}-w{writer}";

    /// <summary>The directories the test creates for the writers (everything else in the trees comes from a writer).</summary>
    public static bool IsWriterDirectory(string path) =>
        path.StartsWith(Root + "/", StringComparison.Ordinal) && !path[(Root.Length + 1)..].Contains('/', StringComparison.Ordinal);

    /// <summary>Creates every writer's directory and the lock directory, waits until all nodes hold them.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var directories = string.Join(' ', _lab.Nodes.SelectMany(node => Writers.Select(writer => Directory(node, writer))));
        await cluster.ShCheckedAsync(1, $"mkdir -p {directories} {LockDirectory}", cancellationToken);
        await cluster.WaitIdenticalAsync([.. _lab.Nodes], Root, cancellationToken);
        foreach (var node in _lab.Nodes)
        {
            await Polling.UntilAsync(ct => cluster.ShAsync(node, $"test -d {LockDirectory}", ct), r => r.Succeeded,
                PmxcfsCluster.ConvergeTimeout, $"{LockDirectory} on n{node}", cancellationToken);
        }
        var source = Path.Combine(AppContext.BaseDirectory, "Cfs", "Chaos", Script);
        foreach (var node in _lab.Nodes)
        {
            File.Copy(source, HostPath(node, Script), overwrite: true);
            File.Delete(HostPath(node, StopFile));
            foreach (var writer in Writers)
            {
                File.Delete(LogPath(node, writer));
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _lab.Nodes)
        {
            foreach (var writer in Writers)
            {
                string[] arguments =
                [
                    "perl", $"/root/{Script}", Text(node), Text((seed * 100L) + (node * 10) + writer), Directory(node, writer), LockDirectory,
                    Text(LockCount), Text(CounterCount), $"/root/{StopFile}", $"/root/{LogName(writer)}",
                ];
                await _lab.SpawnAsync(node, ProcessPrefix + Text(writer), arguments, cancellationToken);
            }
        }
    }

    /// <summary>Writers that still run, as (node, writer); one that exited early died, its output says why.</summary>
    public IReadOnlyList<(int Node, int Writer)> Running() =>
        [.. _lab.Processes.Where(p => p.Name.StartsWith(ProcessPrefix, StringComparison.Ordinal))
            .Select(p => (p.Node, int.Parse(p.Name[ProcessPrefix.Length..], CultureInfo.InvariantCulture)))];

    /// <summary>Every (node, writer) that was started.</summary>
    public IEnumerable<(int Node, int Writer)> All => _lab.Nodes.SelectMany(node => Writers.Select(writer => (node, writer)));

    /// <summary>Asks every writer to stop after its current operation; returns the writers that hung (then killed).</summary>
    public async Task<IReadOnlyList<(int Node, int Writer)>> StopAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _lab.Nodes)
        {
            await File.WriteAllTextAsync(HostPath(node, StopFile), "", cancellationToken);
        }
        try
        {
            await Polling.UntilAsync(_ => Task.FromResult(Running()), running => running.Count == 0, StopTimeout,
                "the chaos writers to finish their last operation", cancellationToken);
            return [];
        }
        catch (TimeoutException)
        {
            var hung = Running();
            foreach (var (node, writer) in hung)
            {
                await _lab.StopSpawnedAsync(node, ProcessPrefix + Text(writer), "KILL", cancellationToken);
            }
            return hung;
        }
    }

    public IReadOnlyList<WriterRecord> Records() =>
        [.. All.SelectMany(w => File.Exists(LogPath(w.Node, w.Writer))
            ? File.ReadLines(LogPath(w.Node, w.Writer)).Select(line => WriterRecord.Parse(w.Node, w.Writer, line))
            : [])];

    /// <summary>The writer's own output (perl errors), for the report.</summary>
    public string Output(int node, int writer)
    {
        var path = _lab.ProcessLogPath(node, ProcessPrefix + Text(writer));
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }

    public string LogPath(int node, int writer) => HostPath(node, LogName(writer));

    private static string LogName(int writer) => $"chaos-ops-{Text(writer)}.log";

    private string HostPath(int node, string name) => Path.Combine(cluster.PrivateRoot(node), name);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
