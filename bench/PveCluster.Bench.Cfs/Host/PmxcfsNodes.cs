using System.Globalization;
using System.Text.Json;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Starts pmxcfs on every lab node and waits until all of them serve a quorate, fully online cluster.</summary>
public sealed class PmxcfsNodes(LabCluster lab)
{
    public const string ProcessName = "pmxcfs";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
        {
            await lab.SpawnAsync(node, ProcessName, ["pmxcfs", "-f", "--nodename", NodeName(node)], cancellationToken).ConfigureAwait(false);
            // Until the mount answers, a write would land in the plain directory underneath.
            await UntilAsync(node, "test -e /etc/pve/.members", $"pmxcfs on {NodeName(node)} to mount /etc/pve", cancellationToken).ConfigureAwait(false);
        }
        // The cluster corosync.conf in the tree, as `pvecm create` leaves it; writes wait for quorum, hence the retry.
        await UntilAsync(1, "test -e /etc/pve/corosync.conf || cp /etc/corosync/corosync.conf /etc/pve/corosync.conf",
            "the cluster corosync.conf in /etc/pve", cancellationToken).ConfigureAwait(false);
        foreach (var node in lab.Nodes)
        {
            await Polling.UntilAsync(
                async ct => AllOnline(await lab.ExecAsync(node, ["cat", "/etc/pve/.members"], ct).ConfigureAwait(false)),
                online => online,
                Timeout,
                $"{NodeName(node)}'s .members to show a quorate cluster with all {lab.NodeCount} nodes online",
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>SIGTERM: pmxcfs unmounts cleanly before the lab goes away.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
            await lab.StopSpawnedAsync(node, ProcessName, "TERM", cancellationToken).ConfigureAwait(false);
    }

    public static string NodeName(int node) => "n" + node.ToString(CultureInfo.InvariantCulture);

    private Task<bool> UntilAsync(int node, string script, string what, CancellationToken cancellationToken) =>
        Polling.UntilAsync(
            async ct => (await lab.ExecAsync(node, ["sh", "-c", script], ct).ConfigureAwait(false)).Succeeded,
            done => done, Timeout, what, cancellationToken);

    private bool AllOnline(PveCluster.Lab.Processes.CommandResult members)
    {
        if (!members.Succeeded)
            return false;
        try
        {
            using var document = JsonDocument.Parse(members.StandardOutput);
            var root = document.RootElement;
            return root.TryGetProperty("cluster", out var cluster) && cluster.GetProperty("quorate").GetInt32() == 1
                && root.TryGetProperty("nodelist", out var nodes)
                && nodes.EnumerateObject().Count(n => n.Value.GetProperty("online").GetInt32() == 1) == lab.NodeCount;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
