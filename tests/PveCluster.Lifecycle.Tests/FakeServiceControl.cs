using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

/// <summary>Records service actions in order; a hook can simulate what a started service does (pmxcfs syncing /etc/pve).</summary>
public sealed class FakeServiceControl : IServiceControl
{
    public List<string> Calls { get; } = [];

    public HashSet<ClusterService> Active { get; } = [];

    public Action<ClusterService>? OnStart { get; set; }

    public Task StartAsync(ClusterService service, CancellationToken cancellationToken) => Record("start", service);

    public Task StopAsync(ClusterService service, CancellationToken cancellationToken)
    {
        Active.Remove(service);
        Calls.Add($"stop {service.UnitName()}");
        return Task.CompletedTask;
    }

    public Task RestartAsync(ClusterService service, CancellationToken cancellationToken) => Record("restart", service);

    public Task<bool> IsActiveAsync(ClusterService service, CancellationToken cancellationToken) => Task.FromResult(Active.Contains(service));

    public IReadOnlyList<string> ActivationCommand(ClusterService service, bool enable) =>
        ["fake-service-control", enable ? "enable-now" : "disable-now", service.UnitName()];

    private Task Record(string action, ClusterService service)
    {
        Calls.Add($"{action} {service.UnitName()}");
        Active.Add(service);
        OnStart?.Invoke(service);
        return Task.CompletedTask;
    }
}
