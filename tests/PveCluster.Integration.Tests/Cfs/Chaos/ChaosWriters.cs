using System.Globalization;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// One chaos-writer.pl per node, each in its own directory /etc/pve/chaos/nI plus shared mkdir locks
/// in /etc/pve/priv/lock. The writers log to the node's private /root, which the host reads directly.
/// </summary>
public sealed class ChaosWriters(PmxcfsCluster cluster, int seed)
{
    public const string Root = "/etc/pve/chaos";
    public const string LockDirectory = "/etc/pve/priv/lock";
    public const int LockCount = 3;
    public const int CounterCount = 5;

    private const string ProcessName = "chaos-writer";
    private const string Script = "chaos-writer.pl";
    private const string StopFile = "chaos-stop";
    private const string Log = "chaos-ops.log";

    /// <summary>A writer blocked in a syscall gets this long to return once asked to stop; longer is a hang.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly LabCluster _lab = cluster.Lab;

    public static string Directory(int node) => $"{Root}/n{node}";

    /// <summary>Creates every writer's directory and the lock directory, waits until all nodes hold them.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var directories = string.Join(' ', _lab.Nodes.Select(Directory));
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
            File.Delete(HostPath(node, Log));
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var node in _lab.Nodes)
        {
            string[] arguments =
            [
                "perl", $"/root/{Script}", Text(node), Text(seed + node), Directory(node), LockDirectory,
                Text(LockCount), Text(CounterCount), $"/root/{StopFile}", $"/root/{Log}",
            ];
            await _lab.SpawnAsync(node, ProcessName, arguments, cancellationToken);
        }
    }

    /// <summary>Writers that still run (one that exited early died: its log says where).</summary>
    public IReadOnlyList<int> Running() => [.. _lab.Processes.Where(p => p.Name == ProcessName).Select(p => p.Node)];

    /// <summary>Asks every writer to stop after its current operation; returns the nodes whose writer hung (then killed).</summary>
    public async Task<IReadOnlyList<int>> StopAsync(CancellationToken cancellationToken)
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
            foreach (var node in hung)
            {
                await _lab.StopSpawnedAsync(node, ProcessName, "KILL", cancellationToken);
            }
            return hung;
        }
    }

    public IReadOnlyList<WriterRecord> Records(int node)
    {
        var path = HostPath(node, Log);
        return File.Exists(path) ? [.. File.ReadLines(path).Select(line => WriterRecord.Parse(node, line))] : [];
    }

    /// <summary>The writer's own output (perl errors), for the report.</summary>
    public string Output(int node)
    {
        var path = _lab.ProcessLogPath(node, ProcessName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : "";
    }

    public string LogPath(int node) => HostPath(node, Log);

    private string HostPath(int node, string name) => Path.Combine(cluster.PrivateRoot(node), name);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
