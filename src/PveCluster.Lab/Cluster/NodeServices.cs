using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// The node services (sshd, corosync, pmxcfs, pvedaemon, pveproxy, qnetd), driven from the host
/// exactly as pvecm drives them inside a node: through the node's PVE_SERVICE_CONTROL script, whose
/// records in the node's private /run say what runs.
/// </summary>
internal sealed class NodeServices(
    LabTopology topology, LabPaths paths, NodeShell shell, LabArtifacts artifacts, ProcessStopper stopper, ILogger logger)
{
    /// <summary>The running process of a node service, or null.</summary>
    public LabProcess? Find(int node, string service) => RunDirectory(topology.CheckNode(node)).Find(node, service);

    /// <summary>Output log of a node service, as seen from the host.</summary>
    public string LogPath(int node, string service) => RunDirectory(topology.CheckNode(node)).Log(service);

    /// <summary>Live node services of every host, nodes in order, each in start order.</summary>
    public IEnumerable<LabProcess> Running() =>
        topology.Hosts.SelectMany(node => ServiceNames.All.Select(service => RunDirectory(node).Find(node, service)))
            .OfType<LabProcess>();

    /// <summary>Starts a service; returns once it serves, throws <see cref="LabException"/> with the reason otherwise.</summary>
    public Task StartAsync(int node, string service, CancellationToken cancellationToken) =>
        ControlAsync(node, "start", service, cancellationToken);

    public Task StopAsync(int node, string service, CancellationToken cancellationToken) =>
        ControlAsync(node, "stop", service, cancellationToken);

    /// <summary>Starts corosync on a node (no-op if it runs); returns once its IPC answers.</summary>
    public async Task StartCorosyncAsync(int node, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        if (Find(node, ServiceNames.Corosync) is { } running)
        {
            logger.LogInformation("corosync already running on node {Node} (pid {Pid})", node, running.Pid);
            return;
        }
        await StartAsync(node, ServiceNames.Corosync, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("corosync started on node {Node} (pid {Pid})", node, Find(node, ServiceNames.Corosync)?.Pid);
    }

    /// <summary>Stops corosync by signal: TERM is a clean leave, KILL a crash (the service script knows only the former).</summary>
    public async Task StopCorosyncAsync(int node, bool kill, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        if (Find(node, ServiceNames.Corosync) is not { } process)
        {
            logger.LogInformation("corosync is not running on node {Node}", node);
            return;
        }
        await stopper.StopAsync(process.Pid, process.Comm, kill ? "KILL" : "TERM", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("corosync stopped on node {Node} (SIG{Signal})", node, kill ? "KILL" : "TERM");
    }

    /// <summary>Writes the node's PVE_SERVICE_CONTROL script into its private /run.</summary>
    public async Task WriteControlScriptAsync(int node, CancellationToken cancellationToken)
    {
        var directory = RunDirectory(node).Path;
        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, Path.GetFileName(ServiceRunDirectory.ControlScript));
        await File.WriteAllTextAsync(script, ServiceControlScript.Render(artifacts.Directory), cancellationToken).ConfigureAwait(false);
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }
    }

    private async Task ControlAsync(int node, string action, string service, CancellationToken cancellationToken)
    {
        var result = await shell.ExecAsync(node, [ServiceRunDirectory.ControlScript, action, service], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var reason = result.StandardError.Trim().Split('\n').LastOrDefault(l => l.Length > 0) ?? $"exit {result.ExitCode}";
            throw new LabException($"node {node}: {action} {service} failed: {reason}");
        }
    }

    /// <summary>The node's service records as the host sees them.</summary>
    private ServiceRunDirectory RunDirectory(int node) =>
        new(Path.Combine(paths.NodeBindSource(node, NodeBind.Run), Path.GetFileName(ServiceRunDirectory.InNode)));
}
