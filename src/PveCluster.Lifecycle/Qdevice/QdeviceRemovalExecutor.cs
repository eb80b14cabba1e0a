using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// <c>pvecm qdevice remove</c>: under the cluster lock, removes <c>quorum.device</c> from /etc/pve/corosync.conf
/// (config_version bumped; pmxcfs spreads it and every node reloads corosync), then stops and disables
/// corosync-qdevice and removes the QDevice certificate store on every node.
/// </summary>
public sealed class QdeviceRemovalExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="PlanRefusedException">The plan refused; nothing was changed.</exception>
    public async Task<QdeviceChangePlan> RunAsync(CancellationToken cancellationToken)
    {
        var config = ClusterConfFile.Read(context.Paths);
        var members = QdeviceMembers.From(config, context.Host.NodeName, context.Processes, SecureShell.ForNodes(context.Processes, context.Paths));
        QdeviceChangePlan plan;
        using (var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false))
        {
            var (_, online) = await ClusterFacts.ReadAsync(context, cancellationToken).ConfigureAwait(false);
            plan = QdeviceChangePlanner.PlanRemoval(new QdeviceRemovalRequest(ClusterConfFile.Read(context.Paths), online));
            _progress.Line(plan.Explain());
            plan.EnsureCanProceed();
            held.EnsureHeld();
            ClusterConfFile.Write(context.Paths, plan.CorosyncConf!);
            _progress.Line($"wrote {context.Paths.ClusterConf} without the quorum device ({plan.NewConfig!.Totem?.ConfigVersion})");
        }

        await new QdeviceActivation(context, members, _progress.Line).StopEverywhereAsync(cancellationToken).ConfigureAwait(false);
        var failures = await members.RemoveStateEverywhereAsync(cancellationToken).ConfigureAwait(false);
        foreach (var failure in failures)
        {
            _progress.Line(failure);
        }

        var reload = await context.Processes.RunAsync("corosync-cfgtool", ["-R"], cancellationToken).ConfigureAwait(false);
        if (!reload.Succeeded)
        {
            _progress.Line($"corosync-cfgtool -R: {reload.Describe()} (pmxcfs reloads corosync on every node anyway)");
        }

        if (failures.Count > 0)
        {
            throw new LifecycleException("the QDevice is removed from corosync.conf, but not every node's certificate store: " + string.Join("; ", failures));
        }

        _progress.Line("Removed QDevice.");
        return plan;
    }
}
