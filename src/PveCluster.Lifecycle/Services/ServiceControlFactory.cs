namespace PveCluster.Lifecycle.Services;

/// <summary>Chooses the service control: <c>PVE_SERVICE_CONTROL=/path/to/cmd</c> selects a command, else systemd.</summary>
public static class ServiceControlFactory
{
    public const string EnvironmentVariable = "PVE_SERVICE_CONTROL";

    public static IServiceControl Create(Func<string, string?> getEnvironment, IProcessRunner processes)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        var command = getEnvironment(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(command)
            ? new SystemdServiceControl(processes)
            : new CommandServiceControl(command.Trim(), processes);
    }
}
