using System.Globalization;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Cli.Lifecycle;

/// <summary>
/// <c>pvecm delnode NODE</c>: removes the node from /etc/pve/corosync.conf (pmxcfs spreads it and every
/// member reloads corosync). Its /etc/pve/nodes/NODE folder and SSH keys are kept, as in Proxmox.
/// </summary>
internal sealed class DeleteNodeExecutor(LifecycleContext context, TextWriter output)
{
    public async Task<int> RunAsync(string node, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var config = ClusterConfFile.Read(paths);
        var (quorate, online) = await ClusterFacts.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var plan = DeleteNodePlanner.Plan(new DeleteNodeRequest(config, node, context.Host.NodeName, quorate, online));
        await output.WriteLineAsync(plan.Explain().AsMemory(), cancellationToken).ConfigureAwait(false);
        plan.EnsureCanProceed();

        if (plan.NodeId is { } nodeId)
        {
            // Like Proxmox: telling corosync to stop the node fails when it is already off, which is the normal case.
            var kill = await context.Processes.RunAsync(
                "corosync-cfgtool", ["-k", nodeId.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
            if (!kill.Succeeded)
            {
                await output.WriteLineAsync(
                    $"corosync-cfgtool -k {nodeId}: {kill.Describe()} (ignored: the node is probably off already)".AsMemory(),
                    cancellationToken).ConfigureAwait(false);
            }
        }

        ClusterConfFile.Write(paths, plan.CorosyncConf!);
        await output.WriteLineAsync($"removed node '{plan.NodeName}' from {paths.ClusterConf}".AsMemory(), cancellationToken)
            .ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
