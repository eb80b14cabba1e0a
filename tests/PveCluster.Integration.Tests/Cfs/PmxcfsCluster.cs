using System.Globalization;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>
/// pmxcfs on the nodes of a lab: spawned with the published binary, mounted at each node's private
/// /etc/pve, plus the shell access the tests use to act on the mount from inside a node.
/// </summary>
public sealed class PmxcfsCluster(LabCluster lab)
{
    public const string ProcessName = "pmxcfs";
    public const string MountPoint = "/etc/pve";

    /// <summary>Start, quorum and first sync of a node take a few seconds; the margin is for a loaded 2-core CI machine.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(45);

    /// <summary>How long replicas get to apply what a writer already saw acknowledged, or to resync after a rejoin.</summary>
    public static readonly TimeSpan ConvergeTimeout = TimeSpan.FromSeconds(40);

    public LabCluster Lab => lab;

    public static string NodeName(int node) => "n" + node.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Spawns pmxcfs on a node and returns once its mount answers. Until then a write would land in
    /// the plain directory underneath, and after a crash the stale mount fails every access, so the
    /// test is for a generated file that only a live pmxcfs mount has.
    /// </summary>
    public async Task StartAsync(int node, CancellationToken cancellationToken)
    {
        var process = await lab.SpawnAsync(node, ProcessName, ["pmxcfs", "-f", "--nodename", NodeName(node)], cancellationToken);
        try
        {
            await Polling.UntilAsync(
                async ct => (await ShAsync(node, $"test -e {MountPoint}/.members", ct)).Succeeded
                    || !lab.Processes.Any(p => p.Pid == process.Pid),
                done => done,
                ReadyTimeout,
                $"pmxcfs on {NodeName(node)} to mount {MountPoint}",
                cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{LogTail(node)}", e);
        }
        Assert.True(lab.Processes.Any(p => p.Pid == process.Pid), $"pmxcfs on {NodeName(node)} exited at start\n{LogTail(node)}");
    }

    /// <summary>Stops pmxcfs on a node with SIGTERM (clean unmount) or SIGKILL (crash, stale mount left behind).</summary>
    public Task<bool> StopAsync(int node, bool kill, CancellationToken cancellationToken) =>
        lab.StopSpawnedAsync(node, ProcessName, kill ? "KILL" : "TERM", cancellationToken);

    /// <summary>Starts pmxcfs on every node, seeds the cluster corosync.conf like `pvecm create`, waits until all agree.</summary>
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
        {
            await StartAsync(node, cancellationToken);
        }
        await SeedCorosyncConfAsync(cancellationToken);
        foreach (var node in lab.Nodes)
        {
            await WaitReadyAsync(node, cancellationToken);
        }
    }

    public async Task StopAllAsync(CancellationToken cancellationToken)
    {
        foreach (var node in lab.Nodes)
        {
            await StopAsync(node, kill: false, cancellationToken);
        }
    }

    /// <summary>
    /// Waits until the node's mount answers, its .members shows a quorate cluster with every node online, and its
    /// base tree (nodes/&lt;node&gt;/{qemu-server,lxc,priv}, priv) exists: pmxcfs creates it with ordinary
    /// replicated writes after start, each acknowledged only once a quorum holds it.
    /// </summary>
    public async Task<MembersView?> WaitReadyAsync(int node, CancellationToken cancellationToken)
    {
        try
        {
            var members = await Polling.UntilAsync(
                ct => MembersAsync(node, ct),
                view => view is { Quorate: true } && view.OnlineNodes.Count == lab.NodeCount,
                ReadyTimeout,
                $"pmxcfs on {NodeName(node)} to serve a quorate .members with all {lab.NodeCount} nodes online",
                cancellationToken);
            var own = $"{MountPoint}/nodes/{NodeName(node)}";
            await Polling.UntilAsync(
                async ct => (await ShAsync(node, $"test -d {own}/qemu-server -a -d {own}/lxc -a -d {own}/priv -a -d {MountPoint}/priv", ct)).Succeeded,
                exists => exists,
                ReadyTimeout,
                $"pmxcfs on {NodeName(node)} to create its base tree",
                cancellationToken);
            return members;
        }
        catch (TimeoutException e)
        {
            // The lab is gone by the time anyone reads the failure: carry the daemon's own words along.
            throw new TimeoutException($"{e.Message}\n{LogTail(node)}", e);
        }
    }

    /// <summary>The last lines of a node's pmxcfs output, for failure messages.</summary>
    public string LogTail(int node, int lines = 15)
    {
        var path = lab.ProcessLogPath(node, ProcessName);
        try
        {
            return $"--- {path}\n" + string.Join('\n', File.ReadLines(path).TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"--- {path}: {e.Message}";
        }
    }

    /// <summary>The node's .members, or null while the mount does not answer or has no cluster section yet.</summary>
    public async Task<MembersView?> MembersAsync(int node, CancellationToken cancellationToken)
    {
        var result = await ShAsync(node, $"cat {MountPoint}/.members", cancellationToken);
        return result.Succeeded ? MembersView.TryParse(result.StandardOutput) : null;
    }

    /// <summary>Runs a POSIX shell script inside the node (its namespaces, so /etc/pve is that node's mount).</summary>
    public Task<CommandResult> ShAsync(int node, string script, CancellationToken cancellationToken) =>
        lab.ExecAsync(node, ["sh", "-c", script], cancellationToken);

    /// <summary>Like <see cref="ShAsync"/> but fails the test with the script's output on a non-zero exit.</summary>
    public async Task<string> ShCheckedAsync(int node, string script, CancellationToken cancellationToken)
    {
        var result = await ShAsync(node, script, cancellationToken);
        Assert.True(result.Succeeded, $"{NodeName(node)}: `{script}` exited {result.ExitCode}: {result.StandardError.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>The host path of the node's private /root: a place to hand files in and out byte for byte.</summary>
    public string PrivateRoot(int node) => lab.NodePath(node, PveCluster.Lab.Naming.NodeBind.RootHome);

    /// <summary>Waits until <paramref name="nodes"/> hold identical trees below <paramref name="directory"/> and returns that tree.</summary>
    public async Task<TreeSnapshot> WaitIdenticalAsync(IReadOnlyList<int> nodes, string directory, CancellationToken cancellationToken)
    {
        var snapshots = await Polling.UntilAsync(
            async ct =>
            {
                var list = new List<TreeSnapshot>();
                foreach (var node in nodes)
                {
                    list.Add(await TreeSnapshot.TakeAsync(this, node, directory, ct));
                }
                return list;
            },
            list => list.All(s => s.Readable) && list.Distinct().Count() == 1,
            ConvergeTimeout,
            $"identical trees below {directory} on nodes {string.Join(",", nodes)}",
            cancellationToken);
        return snapshots[0];
    }

    private async Task SeedCorosyncConfAsync(CancellationToken cancellationToken)
    {
        // Writes are refused until node 1's pmxcfs has quorum and has synced; retry until it takes.
        const string Seed = $"test -e {MountPoint}/corosync.conf || cp /etc/corosync/corosync.conf {MountPoint}/corosync.conf";
        await Polling.UntilAsync(ct => ShAsync(1, Seed, ct), r => r.Succeeded, ReadyTimeout,
            "the cluster corosync.conf to be written into node 1's /etc/pve", cancellationToken);
    }
}
