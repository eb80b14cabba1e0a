namespace PveCluster.Lifecycle.Services;

/// <summary>Service control through <c>systemctl</c>.</summary>
public sealed class SystemdServiceControl(IProcessRunner processes) : IServiceControl
{
    private const string Systemctl = "systemctl";

    public Task StartAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("start", service, cancellationToken);

    public Task StopAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("stop", service, cancellationToken);

    public Task RestartAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("restart", service, cancellationToken);

    public async Task<bool> IsActiveAsync(ClusterService service, CancellationToken cancellationToken)
    {
        var result = await processes.RunAsync(Systemctl, ["is-active", "--quiet", service.UnitName()], cancellationToken)
            .ConfigureAwait(false);
        return result.Succeeded;
    }

    public IReadOnlyList<string> ActivationCommand(ClusterService service, bool enable) =>
        [Systemctl, enable ? "enable" : "disable", "--now", service.UnitName()];

    private async Task RunAsync(string action, ClusterService service, CancellationToken cancellationToken)
    {
        var result = await processes.RunAsync(Systemctl, [action, service.UnitName()], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LifecycleException(
                $"systemctl {action} {service.UnitName()} failed: {result.Describe()}; see 'journalctl -u {service.UnitName()}'");
        }
    }
}
