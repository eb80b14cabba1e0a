using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Egress delay on a node's links. The kernel has no netem, so egress packets go through an NFQUEUE
/// rule to a holder process inside the node (`pvelab delay-holder`). Egress only, like netem on one
/// interface: the round trip grows by the delay.
/// </summary>
internal sealed class PacketDelays(
    LabTopology topology, LabPaths paths, NodeShell shell, SpawnedProcesses spawned, LabArtifacts artifacts, ILogger logger)
{
    /// <summary>What the holder prints once its queue is bound; the iptables rule goes in only after that.</summary>
    public const string HolderReady = "pvelab delay holder ready";

    /// <summary>NFQUEUE number of link L is this + L (queues are per network namespace).</summary>
    private const int QueueBase = 100;

    // A dotnet start on a loaded 2-core machine takes seconds.
    private static readonly TimeSpan HolderStartTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Delays node <paramref name="node"/>'s outgoing packets on a link (null = all); 0 removes the delay.</summary>
    public async Task DelayAsync(int node, int milliseconds, int? link, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        if (milliseconds < 0)
        {
            throw new LabException($"delay must be >= 0 ms, got {milliseconds}");
        }
        foreach (var l in topology.LinksOf(link))
        {
            await RemoveAsync(node, l, cancellationToken).ConfigureAwait(false);
            if (milliseconds == 0)
            {
                logger.LogInformation("delay removed on node {Node} link {Link}", node, l);
                continue;
            }
            var queue = Queue(l);
            var holder = await spawned.SpawnAsync(node, ProcessName(l),
                [.. artifacts.PvelabCommand(), "delay-holder", queue, milliseconds.ToString(CultureInfo.InvariantCulture)],
                cancellationToken).ConfigureAwait(false);
            await WaitForHolderAsync(node, holder, cancellationToken).ConfigureAwait(false);
            await shell.InNetnsCheckedAsync(node, Rule("-A", l), cancellationToken).ConfigureAwait(false);
            logger.LogInformation("egress delay {Ms} ms on node {Node} link {Link} (NFQUEUE {Queue})", milliseconds, node, l, queue);
        }
    }

    /// <summary>Whether the mangle table's rules (`iptables -t mangle -S`) send <paramref name="link"/>'s egress to its delay queue.</summary>
    public static bool IsDelayed(IEnumerable<string> mangleRules, int link) =>
        mangleRules.Any(rule => rule.Contains($"-o {LabNames.NodeInterface(link)} ", StringComparison.Ordinal)
            && rule.Contains($"--queue-num {Queue(link)}", StringComparison.Ordinal));

    private async Task RemoveAsync(int node, int link, CancellationToken cancellationToken)
    {
        while ((await shell.InNetnsAsync(node, Rule("-D", link), cancellationToken).ConfigureAwait(false)).Succeeded)
        {
        }
        await spawned.StopAsync(node, ProcessName(link), "TERM", cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForHolderAsync(int node, LabProcess holder, CancellationToken cancellationToken)
    {
        var log = paths.ProcessLog(node, holder.Name);
        var deadline = DateTime.UtcNow + HolderStartTimeout;
        while (!File.Exists(log) || !(await File.ReadAllTextAsync(log, cancellationToken).ConfigureAwait(false)).Contains(HolderReady, StringComparison.Ordinal))
        {
            if (!ProcessProbe.IsAlive(holder.Pid, holder.Comm))
            {
                spawned.Forget(holder);
                throw new LabException($"delay holder on node {node} exited: {DaemonLauncher.Tail(log)}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"delay holder on node {node} did not bind its queue within {HolderStartTimeout.TotalSeconds} s");
            }
            await Task.Delay(Polling.DefaultInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Queue(int link) => (QueueBase + link).ToString(CultureInfo.InvariantCulture);

    private static string[] Rule(string action, int link) =>
        ["iptables", "-w", "-t", "mangle", action, "OUTPUT", "-o", LabNames.NodeInterface(link),
         "-j", "NFQUEUE", "--queue-num", Queue(link), "--queue-bypass"];

    private static string ProcessName(int link) => $"delay-l{link.ToString(CultureInfo.InvariantCulture)}";
}
