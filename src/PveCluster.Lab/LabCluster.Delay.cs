using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    /// <summary>What the holder prints once its queue is bound; the iptables rule goes in only after that.</summary>
    public const string DelayHolderReady = "pvelab delay holder ready";

    private static readonly TimeSpan DelayHolderStartTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Delays node <paramref name="node"/>'s outgoing packets on a link (null = all) by
    /// <paramref name="milliseconds"/>; 0 removes the delay. The kernel has no netem, so egress packets
    /// go through an NFQUEUE rule to a holder process inside the node (`pvelab delay-holder`).
    /// Egress only, like netem on one interface: the round trip grows by the delay.
    /// </summary>
    public async Task DelayAsync(int node, int milliseconds, int? link, CancellationToken cancellationToken)
    {
        CheckNode(node);
        if (milliseconds < 0)
        {
            throw new LabException($"delay must be >= 0 ms, got {milliseconds}");
        }
        foreach (var l in LinksOf(link))
        {
            await RemoveDelayAsync(node, l, cancellationToken).ConfigureAwait(false);
            if (milliseconds == 0)
            {
                _logger.LogInformation("delay removed on node {Node} link {Link}", node, l);
                continue;
            }
            var queue = (DelayQueueBase + l).ToString(CultureInfo.InvariantCulture);
            var name = DelayProcessName(l);
            var holder = await SpawnAsync(node, name, [.. DelayHolderCommand(), "delay-holder", queue, milliseconds.ToString(CultureInfo.InvariantCulture)],
                cancellationToken).ConfigureAwait(false);
            await WaitForHolderAsync(node, holder, cancellationToken).ConfigureAwait(false);
            await InNetnsCheckedAsync(node, DelayRule("-A", l), cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("egress delay {Ms} ms on node {Node} link {Link} (NFQUEUE {Queue})", milliseconds, node, l, queue);
        }
    }

    private async Task RemoveDelayAsync(int node, int link, CancellationToken cancellationToken)
    {
        while ((await InNetnsAsync(node, DelayRule("-D", link), cancellationToken).ConfigureAwait(false)).Succeeded)
        {
        }
        await StopSpawnedAsync(node, DelayProcessName(link), "TERM", cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForHolderAsync(int node, State.LabProcess holder, CancellationToken cancellationToken)
    {
        var log = _paths.ProcessLog(node, holder.Name);
        var deadline = DateTime.UtcNow + DelayHolderStartTimeout;
        while (!File.Exists(log) || !(await File.ReadAllTextAsync(log, cancellationToken).ConfigureAwait(false)).Contains(DelayHolderReady, StringComparison.Ordinal))
        {
            if (!ProcessProbe.IsAlive(holder.Pid, holder.Comm))
            {
                ForgetProcess(holder);
                throw new LabException($"delay holder on node {node} exited: {DaemonLauncher.Tail(log)}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"delay holder on node {node} did not bind its queue within {DelayHolderStartTimeout.TotalSeconds} s");
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string[] DelayRule(string action, int link) =>
        ["iptables", "-w", "-t", "mangle", action, "OUTPUT", "-o", LabNames.NodeInterface(link),
         "-j", "NFQUEUE", "--queue-num", (DelayQueueBase + link).ToString(CultureInfo.InvariantCulture), "--queue-bypass"];

    private static string DelayProcessName(int link) => $"delay-l{link.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>How to run pvelab itself: the apphost when there is one, else its dll through dotnet (inside a test host).</summary>
    private string[] DelayHolderCommand()
    {
        if (Environment.ProcessPath is { } self && string.Equals(Path.GetFileName(self), "pvelab", StringComparison.Ordinal))
        {
            return [self];
        }
        foreach (var directory in new[] { AppContext.BaseDirectory, ArtifactsDirectory }.OfType<string>())
        {
            if (File.Exists(Path.Combine(directory, "pvelab")))
            {
                return [Path.Combine(directory, "pvelab")];
            }
        }
        var dll = Path.Combine(AppContext.BaseDirectory, "pvelab.dll");
        return File.Exists(dll)
            ? ["dotnet", dll]
            : throw new LabException("cannot find the pvelab executable for the delay holder (publish it into $PVE_ARTIFACTS)");
    }
}
