using System.Globalization;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle;

/// <summary>
/// <c>pvecm delnode NODE</c> and <c>DELETE /cluster/config/nodes/{node}</c>: under the cluster lock, removes the
/// node from /etc/pve/corosync.conf (pmxcfs spreads it and every member reloads corosync). Its
/// /etc/pve/nodes/NODE folder and SSH keys are kept, as in Proxmox.
/// </summary>
public sealed class DeleteNodeExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="PlanRefusedException">The plan refused; nothing was changed.</exception>
    /// <exception cref="Locking.ClusterLockedException">Another member kept the cluster config locked.</exception>
    public async Task<DeleteNodePlan> RunAsync(string node, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        using var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false);
        var config = ClusterConfFile.Read(paths);
        var (quorate, online) = await ClusterFacts.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        var plan = DeleteNodePlanner.Plan(new DeleteNodeRequest(config, node, context.Host.NodeName, quorate, online));
        _progress.Line(plan.Explain());
        plan.EnsureCanProceed();

        if (plan.NodeId is { } nodeId)
        {
            // Like Proxmox: telling corosync to stop the node fails when it is already off, which is the normal case.
            var kill = await context.Processes.RunAsync(
                "corosync-cfgtool", ["-k", nodeId.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
            if (!kill.Succeeded)
            {
                _progress.Line($"corosync-cfgtool -k {nodeId}: {kill.Describe()} (ignored: the node is probably off already)");
            }
        }

        held.EnsureHeld();
        ClusterConfFile.Write(paths, plan.CorosyncConf!);
        _progress.Line($"removed node '{plan.NodeName}' from {paths.ClusterConf}");
        return plan;
    }
}
