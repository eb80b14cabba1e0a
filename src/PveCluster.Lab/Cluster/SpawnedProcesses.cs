using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Daemons the lab starts inside a node beside the node services (a pmxcfs under test, a delay
/// holder): launched detached, recorded in the state so `stop` and teardown can end them.
/// </summary>
internal sealed class SpawnedProcesses(
    LabTopology topology, LabPaths paths, LabStateJournal journal, NodeShell shell, DaemonLauncher launcher, ProcessStopper stopper,
    ILogger logger)
{
    /// <summary>Recorded processes that still run.</summary>
    public IEnumerable<LabProcess> Running => journal.State.Processes.Where(p => ProcessProbe.IsAlive(p.Pid, p.Comm));

    public async Task<LabProcess> SpawnAsync(int node, string name, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new LabException($"process name '{name}' must be [A-Za-z0-9_-]+");
        }
        if (ServiceNames.IsKnown(name))
        {
            throw new LabException($"'{name}' is a node service; inside the node use ${LabCluster.ServiceControlVariable} (start/kill for corosync)");
        }
        if (command.Count == 0)
        {
            throw new LabException("spawn needs a command");
        }
        if (Find(node, name) is { } running)
        {
            throw new LabException($"'{name}' already runs on node {node} (pid {running.Pid})");
        }
        journal.Record(state => state.Processes.RemoveAll(p => p.Node == node && p.Name == name) > 0);
        var (pid, comm) = await launcher.LaunchAsync(
            shell.NodeCommand(node, command), command[0], paths.PidScratch(node, name), paths.ProcessLog(node, name), cancellationToken)
            .ConfigureAwait(false);
        var process = new LabProcess(node, name, pid, comm);
        journal.Record(state =>
        {
            state.Processes.Add(process);
            return true;
        });
        logger.LogInformation("spawned {Name} on node {Node} (pid {Pid}, log {Log})", name, node, pid, paths.ProcessLog(node, name));
        return process;
    }

    /// <summary>Stops a spawned process by name; false if none was recorded.</summary>
    public async Task<bool> StopAsync(int node, string name, string signal, CancellationToken cancellationToken)
    {
        topology.CheckNode(node);
        if (Find(node, name) is not { } process)
        {
            return false;
        }
        await stopper.StopAsync(process.Pid, process.Comm, signal, cancellationToken).ConfigureAwait(false);
        Forget(process);
        return true;
    }

    /// <summary>Drops the record of a process that ended on its own.</summary>
    public void Forget(LabProcess process) => journal.Record(state => state.Processes.Remove(process));

    private LabProcess? Find(int node, string name)
    {
        var process = journal.State.Processes.LastOrDefault(p => p.Node == node && string.Equals(p.Name, name, StringComparison.Ordinal));
        return process is not null && ProcessProbe.IsAlive(process.Pid, process.Comm) ? process : null;
    }
}
