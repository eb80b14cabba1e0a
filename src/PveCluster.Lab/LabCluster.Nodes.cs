using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

public sealed partial class LabCluster
{
    private static readonly TimeSpan CorosyncIpcTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The command line that runs <paramref name="command"/> inside node <paramref name="node"/>
    /// (its netns, mount ns and UTS ns). Clients must enter both net and mount: libqb talks over a
    /// per-netns abstract socket plus ring buffers in the node's private /dev/shm.
    /// </summary>
    public IReadOnlyList<string> NodeCommand(int node, IEnumerable<string> command, string? workingDirectory = null)
    {
        CheckNode(node);
        var line = new List<string>
        {
            "nsenter",
            $"--net=/run/netns/{_names.Netns(node)}",
            $"--mount={_paths.MountNamespace(node)}",
            $"--uts={_paths.UtsNamespace(node)}",
        };
        if (workingDirectory is not null)
        {
            line.Add($"--wd={workingDirectory}");
        }
        line.Add("--");
        line.AddRange(command);
        return line;
    }

    /// <summary>Runs a command inside a node and captures its output (a non-zero exit is returned, not thrown).</summary>
    public Task<CommandResult> ExecAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _runner.RunAsync(NodeCommand(node, command), cancellationToken);

    /// <summary>Like <see cref="ExecAsync"/> but throws <see cref="LabCommandException"/> on a non-zero exit.</summary>
    public Task<CommandResult> ExecCheckedAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _runner.RunCheckedAsync(NodeCommand(node, command), cancellationToken);

    /// <summary>Runs a command inside a node attached to the caller's terminal; returns its exit code.</summary>
    public Task<int> ExecAttachedAsync(int node, IEnumerable<string> command, string? workingDirectory, CancellationToken cancellationToken) =>
        _runner.RunAttachedAsync(NodeCommand(node, command, workingDirectory), cancellationToken);

    /// <summary>The running corosync of a node, or null.</summary>
    public LabProcess? CorosyncProcess(int node) => ServiceProcess(node, ServiceNames.Corosync);

    /// <summary>Starts corosync on a node (no-op if it runs) through its service control and waits until its IPC answers.</summary>
    public async Task StartCorosyncAsync(int node, CancellationToken cancellationToken)
    {
        CheckNode(node);
        if (CorosyncProcess(node) is { } running)
        {
            _logger.LogInformation("corosync already running on node {Node} (pid {Pid})", node, running.Pid);
            return;
        }
        await StartServiceAsync(node, ServiceNames.Corosync, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("corosync started on node {Node} (pid {Pid})", node, CorosyncProcess(node)?.Pid);
    }

    /// <summary>Stops corosync on a node: SIGTERM (clean leave) or, with <paramref name="kill"/>, SIGKILL (crash).</summary>
    public async Task StopCorosyncAsync(int node, bool kill, CancellationToken cancellationToken)
    {
        CheckNode(node);
        if (CorosyncProcess(node) is not { } process)
        {
            _logger.LogInformation("corosync is not running on node {Node}", node);
            return;
        }
        await _stopper.StopAsync(process.Pid, process.Comm, kill ? "KILL" : "TERM", cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("corosync stopped on node {Node} (SIG{Signal})", node, kill ? "KILL" : "TERM");
    }

    /// <summary>
    /// Runs <paramref name="command"/> in the background inside a node (a daemon such as pmxcfs), records
    /// it under <paramref name="name"/> so `stop` and teardown can end it; output goes to
    /// &lt;node dir&gt;/&lt;name&gt;.out.
    /// </summary>
    public async Task<LabProcess> SpawnAsync(int node, string name, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        CheckNode(node);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new LabException($"process name '{name}' must be [A-Za-z0-9_-]+");
        }
        if (ServiceNames.IsKnown(name))
        {
            throw new LabException($"'{name}' is a node service; inside the node use ${ServiceControlVariable} (start/kill for corosync)");
        }
        if (command.Count == 0)
        {
            throw new LabException("spawn needs a command");
        }
        if (FindProcess(node, name) is { } running)
        {
            throw new LabException($"'{name}' already runs on node {node} (pid {running.Pid})");
        }
        var process = await LaunchAsync(node, name, command, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("spawned {Name} on node {Node} (pid {Pid}, log {Log})", name, node, process.Pid, _paths.ProcessLog(node, name));
        return process;
    }

    /// <summary>Stops a process started with <see cref="SpawnAsync"/>; returns false if none was recorded.</summary>
    public async Task<bool> StopSpawnedAsync(int node, string name, string signal, CancellationToken cancellationToken)
    {
        CheckNode(node);
        if (FindProcess(node, name) is not { } process)
        {
            return false;
        }
        await StopProcessAsync(process, signal, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Output file of a spawned process (or corosync's stderr) as seen from the host.</summary>
    public string ProcessLogPath(int node, string name) => _paths.ProcessLog(CheckNode(node), name);

    private LabProcess? FindProcess(int node, string name)
    {
        var process = _state.Processes.LastOrDefault(p => p.Node == node && string.Equals(p.Name, name, StringComparison.Ordinal));
        return process is not null && ProcessProbe.IsAlive(process.Pid, process.Comm) ? process : null;
    }

    private async Task<LabProcess> LaunchAsync(int node, string name, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        Record(state => state.Processes.RemoveAll(p => p.Node == node && p.Name == name) > 0);
        var (pid, comm) = await _launcher.LaunchAsync(
            NodeCommand(node, command), command[0], _paths.PidScratch(node, name), _paths.ProcessLog(node, name), cancellationToken)
            .ConfigureAwait(false);
        var process = new LabProcess(node, name, pid, comm);
        Record(state =>
        {
            state.Processes.Add(process);
            return true;
        });
        return process;
    }

    private async Task StopProcessAsync(LabProcess process, string signal, CancellationToken cancellationToken)
    {
        await _stopper.StopAsync(process.Pid, process.Comm, signal, cancellationToken).ConfigureAwait(false);
        ForgetProcess(process);
    }

    private void ForgetProcess(LabProcess process) => Record(state => state.Processes.Remove(process));
}
