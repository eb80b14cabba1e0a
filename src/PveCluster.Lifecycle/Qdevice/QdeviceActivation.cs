using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// Starts (enabled at boot) or stops (disabled) corosync-qdevice on every node, through the node's service
/// manager (<see cref="IServiceControl.ActivationCommand"/>). qdevice reads its settings from corosync's
/// configuration, so it is started on a node only once that node's corosync has the quorum device.
/// </summary>
public sealed class QdeviceActivation(LifecycleContext context, QdeviceMembers members, Action<string> progress)
{
    private static readonly IReadOnlyList<string> DeviceModelQuery = ["corosync-cmapctl", "-g", "quorum.device.model"];

    public async Task StartEverywhereAsync(CancellationToken cancellationToken)
    {
        foreach (var member in members.All)
        {
            await WaitForDeviceConfigAsync(member, cancellationToken).ConfigureAwait(false);
            progress($"node '{member.Name}': starting and enabling corosync-qdevice");
            await members.RunCheckedAsync(
                member, context.Services.ActivationCommand(ClusterService.Qdevice, enable: true), "starting corosync-qdevice", cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>Stops and disables qdevice on every node; keeps going past failures and prints them.</summary>
    public async Task StopEverywhereAsync(CancellationToken cancellationToken)
    {
        foreach (var member in members.All)
        {
            var result = await members.RunAsync(member, context.Services.ActivationCommand(ClusterService.Qdevice, enable: false), cancellationToken)
                .ConfigureAwait(false);
            progress(result.Succeeded
                ? $"node '{member.Name}': corosync-qdevice stopped and disabled"
                : $"node '{member.Name}': stopping corosync-qdevice failed: {result.Describe()}");
        }
    }

    /// <summary>pmxcfs installs the new corosync.conf on each node and reloads corosync; wait until that node has it.</summary>
    private async Task WaitForDeviceConfigAsync(QdeviceMember member, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + context.QuorumTimeout;
        while (true)
        {
            var result = await members.RunAsync(member, DeviceModelQuery, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return;
            }

            if (context.Time.GetUtcNow() > deadline)
            {
                throw new LifecycleException(
                    $"node '{member.Name}': corosync did not load the quorum device within {context.QuorumTimeout.TotalSeconds} s "
                    + $"({result.Describe()}); is pmxcfs running there?");
            }

            await Task.Delay(context.PollInterval, context.Time, cancellationToken).ConfigureAwait(false);
        }
    }
}
