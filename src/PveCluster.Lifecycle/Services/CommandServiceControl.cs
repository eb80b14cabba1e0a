namespace PveCluster.Lifecycle.Services;

/// <summary>
/// Service control through one external command, called as <c>COMMAND start|stop|restart|status SERVICE</c>
/// (exit 0 = success, or for <c>status</c> = running). Lab nodes have no systemd and provide such a command.
/// </summary>
public sealed class CommandServiceControl(string command, IProcessRunner processes) : IServiceControl
{
    public string Command { get; } = command;

    public Task StartAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("start", service, cancellationToken);

    public Task StopAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("stop", service, cancellationToken);

    public Task RestartAsync(ClusterService service, CancellationToken cancellationToken) => RunAsync("restart", service, cancellationToken);

    public async Task<bool> IsActiveAsync(ClusterService service, CancellationToken cancellationToken)
    {
        var result = await processes.RunAsync(Command, ["status", service.UnitName()], cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    /// <summary>The command knows no boot: a lab node has none, so this is start or stop.</summary>
    public IReadOnlyList<string> ActivationCommand(ClusterService service, bool enable) =>
        [Command, enable ? "start" : "stop", service.UnitName()];

    private async Task RunAsync(string action, ClusterService service, CancellationToken cancellationToken)
    {
        var result = await processes.RunAsync(Command, [action, service.UnitName()], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LifecycleException($"'{Command} {action} {service.UnitName()}' failed: {result.Describe()}");
        }
    }
}
