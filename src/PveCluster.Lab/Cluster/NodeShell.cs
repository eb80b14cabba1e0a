using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Runs commands inside a node: all of its namespaces (net, mount, UTS), or its network namespace
/// alone with the host's file system view (iptables).
/// </summary>
internal sealed class NodeShell(LabTopology topology, LabNames names, LabPaths paths, CommandRunner runner)
{
    /// <summary>
    /// The command line that runs <paramref name="command"/> inside node <paramref name="node"/>.
    /// Clients must enter both net and mount: libqb talks over a per-netns abstract socket plus ring
    /// buffers in the node's private /dev/shm.
    /// </summary>
    public IReadOnlyList<string> NodeCommand(int node, IEnumerable<string> command, string? workingDirectory = null)
    {
        topology.CheckNode(node);
        var line = new List<string>
        {
            "nsenter",
            $"--net={NetnsPath(node)}",
            $"--mount={paths.MountNamespace(node)}",
            $"--uts={paths.UtsNamespace(node)}",
        };
        if (workingDirectory is not null)
        {
            line.Add($"--wd={workingDirectory}");
        }
        line.Add("--");
        line.AddRange(command);
        return line;
    }

    /// <summary>The bind-mounted handle of a node's network namespace.</summary>
    public string NetnsPath(int node) => $"/run/netns/{names.Netns(node)}";

    public Task<CommandResult> ExecAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        runner.RunAsync(NodeCommand(node, command), cancellationToken);

    public Task<CommandResult> ExecCheckedAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        runner.RunCheckedAsync(NodeCommand(node, command), cancellationToken);

    public Task<int> ExecAttachedAsync(int node, IEnumerable<string> command, string? workingDirectory, CancellationToken cancellationToken) =>
        runner.RunAttachedAsync(NodeCommand(node, command, workingDirectory), cancellationToken);

    /// <summary>Runs a command in a node's network namespace only (host file system view), e.g. iptables.</summary>
    public Task<CommandResult> InNetnsAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        runner.RunAsync(["nsenter", $"--net={NetnsPath(node)}", "--", .. command], cancellationToken);

    public Task<CommandResult> InNetnsCheckedAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        runner.RunCheckedAsync(["nsenter", $"--net={NetnsPath(node)}", "--", .. command], cancellationToken);
}
