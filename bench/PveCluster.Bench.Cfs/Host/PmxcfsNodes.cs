using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>
/// Starts one pmxcfs binary on every lab node at once, times how long each takes to mount and the
/// cluster to become quorate with every node online, reads their resident memory, stops them and
/// clears their state so that the next binary starts from nothing.
/// </summary>
public sealed class PmxcfsNodes(LabCluster lab, string program)
{
    public const string ProcessName = "pmxcfs";
    private const string StateDirectories = "/var/lib/pve-cluster/* /run/pve-cluster/*";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly Dictionary<int, int> _pids = [];

    public async Task<StartupFigures> StartAllAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var mounting = new List<Task<double>>();
        foreach (var node in lab.Nodes)
        {
            var process = await lab.SpawnAsync(node, ProcessName, [program, "-f", "--nodename", NodeName(node)], cancellationToken).ConfigureAwait(false);
            _pids[node] = process.Pid;
            mounting.Add(MountedAfterAsync(node, process.Pid, cancellationToken));
        }
        var mountedMs = await Task.WhenAll(mounting).ConfigureAwait(false);

        // The cluster corosync.conf in the tree, as `pvecm create` leaves it; writes wait for quorum, hence the retry.
        await UntilAsync(1, "test -e /etc/pve/corosync.conf || cp /etc/corosync/corosync.conf /etc/pve/corosync.conf",
            "the cluster corosync.conf in /etc/pve", cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(lab.Nodes.Select(node => Polling.UntilAsync(
            async ct => AllOnline(await lab.ExecAsync(node, ["cat", "/etc/pve/.members"], ct).ConfigureAwait(false)),
            online => online,
            Timeout,
            $"{NodeName(node)}'s .members to show a quorate cluster with all {lab.NodeCount} nodes online",
            cancellationToken))).ConfigureAwait(false);
        return new StartupFigures(mountedMs, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Resident set of each node's pmxcfs in KiB, node 1 first.</summary>
    public long[] ResidentKiB() => [.. lab.Nodes.Select(node => ReadResidentKiB(_pids[node]))];

    /// <summary>SIGTERM, then the state directories are emptied for the next binary.</summary>
    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
            await lab.StopSpawnedAsync(node, ProcessName, "TERM", cancellationToken).ConfigureAwait(false);
        // The process is gone; a FUSE mount it left behind (a binary that does not unmount on SIGTERM) is detached.
        foreach (var node in lab.Nodes)
            await lab.ExecCheckedAsync(node, ["sh", "-c", $"if grep -qE '^[^ ]+ /etc/pve fuse' /proc/self/mounts; then umount -l /etc/pve; fi; rm -rf {StateDirectories}"],
                cancellationToken).ConfigureAwait(false);
        _pids.Clear();
    }

    public static string NodeName(int node) => "n" + node.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// From the process' own start (its exec, from /proc, so not the lab's launch overhead) to the
    /// moment a loop inside the node, polling every 10 ms, first sees /etc/pve/.members.
    /// </summary>
    private async Task<double> MountedAfterAsync(int node, int pid, CancellationToken cancellationToken)
    {
        var timeoutTicks = (int)(Timeout.TotalMilliseconds / 10);
        var result = await lab.ExecAsync(node,
            ["sh", "-c", $"i=0; until test -e /etc/pve/.members; do i=$((i+1)); [ $i -gt {timeoutTicks} ] && exit 1; sleep 0.01; done; date +%s.%N"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
            throw new TimeoutException($"{program} on {NodeName(node)} did not mount /etc/pve within {Timeout.TotalSeconds} s");
        var mountedAt = double.Parse(result.StandardOutput.Trim(), CultureInfo.InvariantCulture);
        return (mountedAt - ProcessStartUnixSeconds(pid)) * 1000;
    }

    /// <summary>Field 22 of /proc/PID/stat (clock ticks after boot, 100 per second on Linux) plus the boot time from /proc/stat.</summary>
    private static double ProcessStartUnixSeconds(int pid)
    {
        const double TicksPerSecond = 100;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var startTicks = long.Parse(afterName[19], CultureInfo.InvariantCulture);
        var bootLine = File.ReadLines("/proc/stat").First(l => l.StartsWith("btime ", StringComparison.Ordinal));
        var boot = long.Parse(bootLine["btime ".Length..], CultureInfo.InvariantCulture);
        return boot + startTicks / TicksPerSecond;
    }

    private static long ReadResidentKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            ?? throw new LabException($"pid {pid} has no VmRSS (not running?)");
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

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

/// <summary>Per node, process start to /etc/pve mounted; and the first spawn to every node showing a quorate cluster with all nodes online.</summary>
public sealed record StartupFigures(double[] MountedMs, double QuorateSyncedMs);
