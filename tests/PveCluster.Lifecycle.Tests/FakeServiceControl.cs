using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

/// <summary>Records service actions in order; a hook can simulate what a started service does (pmxcfs syncing /etc/pve).</summary>
public sealed class FakeServiceControl : IServiceControl
{
    public List<string> Calls { get; } = [];

    public HashSet<ClusterService> Active { get; } = [];

    public Action<ClusterService>? OnStart { get; set; }

    /// <summary>Awaited before a restart takes effect, so a test can hold one restart until something else happened.</summary>
    public Func<ClusterService, Task>? BeforeRestart { get; set; }

    public Task StartAsync(ClusterService service, CancellationToken cancellationToken) => Record("start", service);

    public Task StopAsync(ClusterService service, CancellationToken cancellationToken)
    {
        Active.Remove(service);
        Calls.Add($"stop {service.UnitName()}");
        return Task.CompletedTask;
    }

    public async Task RestartAsync(ClusterService service, CancellationToken cancellationToken)
    {
        if (BeforeRestart is { } before)
        {
            await before(service).ConfigureAwait(false);
        }

        await Record("restart", service).ConfigureAwait(false);
    }

    public Task<bool> IsActiveAsync(ClusterService service, CancellationToken cancellationToken) => Task.FromResult(Active.Contains(service));

    public IReadOnlyList<string> ActivationCommand(ClusterService service, bool enable) =>
        ["fake-service-control", enable ? "enable-now" : "disable-now", service.UnitName()];

    private Task Record(string action, ClusterService service)
    {
        // Restarts may run concurrently (the API's two halves after a join).
        lock (Calls)
        {
            Calls.Add($"{action} {service.UnitName()}");
            Active.Add(service);
        }

        OnStart?.Invoke(service);
        return Task.CompletedTask;
    }
}
