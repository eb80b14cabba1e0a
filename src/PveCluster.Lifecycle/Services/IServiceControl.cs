namespace PveCluster.Lifecycle.Services;

/// <summary>Starts and stops the cluster services; systemd on real nodes, a lab-provided command elsewhere.</summary>
public interface IServiceControl
{
    /// <exception cref="LifecycleException">The service manager reported a failure.</exception>
    Task StartAsync(ClusterService service, CancellationToken cancellationToken);

    /// <exception cref="LifecycleException">The service manager reported a failure.</exception>
    Task StopAsync(ClusterService service, CancellationToken cancellationToken);

    /// <exception cref="LifecycleException">The service manager reported a failure.</exception>
    Task RestartAsync(ClusterService service, CancellationToken cancellationToken);

    /// <summary>True when the service is running; never throws for a stopped or unknown service.</summary>
    Task<bool> IsActiveAsync(ClusterService service, CancellationToken cancellationToken);

    /// <summary>
    /// The command line that starts the service now and at every boot (<paramref name="enable"/>), or stops it
    /// now and for good. A command, not an action, because the QDevice steps run it on other nodes over ssh
    /// as well: every node of a cluster runs the same kind of service manager.
    /// </summary>
    IReadOnlyList<string> ActivationCommand(ClusterService service, bool enable);
}
