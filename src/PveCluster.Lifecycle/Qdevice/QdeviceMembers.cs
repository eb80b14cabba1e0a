using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>Runs a command on every cluster node: locally on this node, over ssh (as root, BatchMode) on the others.</summary>
public sealed class QdeviceMembers(IReadOnlyList<QdeviceMember> members, IProcessRunner processes, SecureShell shell)
{
    public IReadOnlyList<QdeviceMember> All { get; } = members;

    public static QdeviceMembers From(CorosyncConfig config, string localNode, IProcessRunner processes, SecureShell shell)
    {
        ArgumentNullException.ThrowIfNull(config);
        var members = config.Nodes
            .Select(node => new QdeviceMember(
                node.Name ?? throw new LifecycleException("corosync.conf has a node without a name"),
                node.LinkAddresses.Values.FirstOrDefault() ?? throw new LifecycleException($"node '{node.Name}' has no link address"),
                string.Equals(node.Name, localNode, StringComparison.Ordinal)))
            .ToList();
        if (!members.Any(m => m.IsLocal))
        {
            throw new LifecycleException($"this node ('{localNode}') is not in corosync.conf's nodelist");
        }

        return new QdeviceMembers(members, processes, shell);
    }

    /// <summary>A node's QDevice state (certificate store); removing it is what "certificates removed" means.</summary>
    public const string StateDirectory = "/etc/corosync/qdevice";

    public QdeviceMember Local => All.Single(m => m.IsLocal);

    public Task<ProcessResult> RunAsync(QdeviceMember member, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(command);
        return member.IsLocal
            ? processes.RunAsync(command[0], [.. command.Skip(1)], cancellationToken)
            : shell.RunAsync(member.Address, command, cancellationToken);
    }

    /// <summary>Runs the command on one node; a failure is a <see cref="LifecycleException"/> naming the node and <paramref name="what"/>.</summary>
    public async Task<string> RunCheckedAsync(QdeviceMember member, IReadOnlyList<string> command, string what, CancellationToken cancellationToken)
    {
        var result = await RunAsync(member, command, cancellationToken).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new LifecycleException($"node '{member!.Name}': {what} failed: {result.Describe()}");
    }

    /// <summary>Runs the command on every node, one after the other (the first failure stops).</summary>
    public async Task RunEverywhereAsync(IReadOnlyList<string> command, string what, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var member in All)
        {
            progress($"node '{member.Name}': {what}");
            await RunCheckedAsync(member, command, what, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the QDevice certificate store of every node (rollback and <c>qdevice remove</c>); keeps going past
    /// unreachable nodes and returns what it could not remove.
    /// </summary>
    public async Task<IReadOnlyList<string>> RemoveStateEverywhereAsync(CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        foreach (var member in All)
        {
            var result = await RunAsync(member, ["rm", "-rf", StateDirectory], cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                failures.Add($"node '{member.Name}': removing {StateDirectory} failed: {result.Describe()}");
            }
        }

        return failures;
    }
}
