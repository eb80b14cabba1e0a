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
}
