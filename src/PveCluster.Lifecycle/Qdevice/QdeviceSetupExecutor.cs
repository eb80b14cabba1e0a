using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// <c>pvecm qdevice setup ADDRESS [--force] [--network CIDR]</c>, following the admin guide and Proxmox's pvecm:
/// every check first (the plan's rules, then the network checks of <see cref="QdevicePreflight"/>), the plan
/// printed, certificates made and distributed, the <c>quorum.device</c> section written under the cluster
/// lock (config_version bumped), corosync-qdevice started on every node. A failure half-way is rolled back:
/// corosync.conf as before, the certificate stores removed, the daemons stopped.
/// </summary>
public sealed class QdeviceSetupExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="PlanRefusedException">The plan refused; nothing was changed.</exception>
    /// <exception cref="LifecycleException">A check or a step failed (after a step: rolled back).</exception>
    public async Task<QdeviceChangePlan> RunAsync(string address, string? network, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var config = ClusterConfFile.Read(context.Paths);
        var plan = await PlanAsync(config, address, force, cancellationToken).ConfigureAwait(false);
        if (!plan.CanProceed)
        {
            _progress.Line(plan.Explain());
            plan.EnsureCanProceed();
        }

        var clusterName = config.Totem?.ClusterName ?? throw new LifecycleException("corosync.conf has no totem.cluster_name");
        var members = QdeviceMembers.From(config, context.Host.NodeName, context.Processes, SecureShell.ForNodes(context.Processes, context.Paths));
        var qnetdShell = SecureShell.ForQnetd(context.Processes);
        var problems = await new QdevicePreflight(members, qnetdShell, context.Processes, context.Paths, _progress.Line)
            .CheckAsync(address, network, force, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            throw new LifecycleException(
                $"{plan.Title}\n\nRefused, nothing will be changed:\n" + string.Join('\n', problems.Select(p => "  - " + p)));
        }

        _progress.Line(plan.Explain());
        var certificates = new QdeviceCertificates(context.Paths, members, qnetdShell, address, clusterName, _progress.Line);
        var configWritten = false;
        try
        {
            if (force)
            {
                await RemoveStoresAsync(members, cancellationToken).ConfigureAwait(false);
            }

            await certificates.InstallAsync(cancellationToken).ConfigureAwait(false);
            plan = await WriteConfigAsync(address, force, cancellationToken).ConfigureAwait(false);
            configWritten = true;
            await new QdeviceActivation(context, members, _progress.Line).StartEverywhereAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is LifecycleException or IOException or UnauthorizedAccessException or PlanRefusedException
                                       or Locking.ClusterLockedException)
        {
            _progress.Line($"QDevice setup failed: {ex.Message}");
            await RollBackAsync(members, configWritten).ConfigureAwait(false);
            throw new LifecycleException($"QDevice setup failed and was rolled back: {ex.Message}", ex);
        }
        finally
        {
            await certificates.RemoveRequestFromQnetdAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _progress.Line("Done");
        return plan;
    }

    private async Task<QdeviceChangePlan> PlanAsync(CorosyncConfig config, string address, bool force, CancellationToken cancellationToken)
    {
        var (_, online) = await ClusterFacts.ReadAsync(context, cancellationToken).ConfigureAwait(false);
        return QdeviceChangePlanner.PlanSetup(new QdeviceSetupRequest(config, address, online, force));
    }

    /// <summary>Plans again on the locked, current file (another node may have changed it meanwhile) and writes it.</summary>
    private async Task<QdeviceChangePlan> WriteConfigAsync(string address, bool force, CancellationToken cancellationToken)
    {
        using var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false);
        var plan = await PlanAsync(ClusterConfFile.Read(context.Paths), address, force, cancellationToken).ConfigureAwait(false);
        plan.EnsureCanProceed();
        held.EnsureHeld();
        ClusterConfFile.Write(context.Paths, plan.CorosyncConf!);
        _progress.Line($"wrote {context.Paths.ClusterConf} with the quorum device ({plan.NewConfig!.Totem?.ConfigVersion})");
        return plan;
    }

    private async Task RemoveStoresAsync(QdeviceMembers members, CancellationToken cancellationToken)
    {
        _progress.Line($"--force: removing existing QDevice certificate stores ({QdeviceMembers.StateDirectory})");
        var failures = await members.RemoveStateEverywhereAsync(cancellationToken).ConfigureAwait(false);
        if (failures.Count > 0)
        {
            throw new LifecycleException(string.Join("; ", failures));
        }
    }

    /// <summary>Undoes what was done, in reverse; never throws (what it cannot undo is printed).</summary>
    private async Task RollBackAsync(QdeviceMembers members, bool configWritten)
    {
        var cancellationToken = CancellationToken.None;
        if (configWritten)
        {
            try
            {
                using var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false);
                var current = ClusterConfFile.Read(context.Paths);
                if (current.Quorum?.Device is not null)
                {
                    held.EnsureHeld();
                    ClusterConfFile.Write(
                        context.Paths, CorosyncConfEditor.BumpConfigVersion(CorosyncConfEditor.ClearQuorumDevice(current)).Write());
                    _progress.Line($"rollback: removed the quorum device from {context.Paths.ClusterConf} again");
                }
            }
            catch (Exception ex) when (ex is LifecycleException or IOException or CorosyncConfEditException or Locking.ClusterLockedException)
            {
                _progress.Line($"rollback: could not remove the quorum device from {context.Paths.ClusterConf}: {ex.Message}");
            }

            await new QdeviceActivation(context, members, _progress.Line).StopEverywhereAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var failure in await members.RemoveStateEverywhereAsync(cancellationToken).ConfigureAwait(false))
        {
            _progress.Line($"rollback: {failure}");
        }

        _progress.Line("rollback: QDevice certificate stores removed");
    }
}
