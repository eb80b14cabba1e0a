using System.CommandLine;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Lab.Cli;

/// <summary>The hidden `service` command: a node's PVE_SERVICE_CONTROL (runs inside the node).</summary>
internal static class ServiceCommands
{
    private static readonly string[] Actions = ["start", "stop", "restart", "status"];

    public static IEnumerable<Command> Create(CliContext context)
    {
        var action = new Argument<string>("ACTION") { Description = "start, stop, restart or status" };
        action.AcceptOnlyFromAmong(Actions);
        var name = new Argument<string>("NAME") { Description = $"Service: {string.Join(", ", ServiceNames.All)}" };
        name.AcceptOnlyFromAmong([.. ServiceNames.All]);
        var command = new Command("service", "Internal: control a node service from inside the node (PVE_SERVICE_CONTROL)") { action, name };
        command.Hidden = true;
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var logger = context.CreateLogger(parseResult);
            var control = new NodeServiceControl(new ServiceRunDirectory(ServiceRunDirectory.InNode), new CommandRunner(logger), logger);
            var service = parseResult.GetRequiredValue(name);
            switch (parseResult.GetRequiredValue(action))
            {
                case "start":
                    await control.StartAsync(service, cancellationToken).ConfigureAwait(false);
                    return 0;
                case "stop":
                    await control.StopAsync(service, cancellationToken).ConfigureAwait(false);
                    return 0;
                case "restart":
                    await control.RestartAsync(service, cancellationToken).ConfigureAwait(false);
                    return 0;
                default:
                    return control.Status(service, Console.Out);
            }
        }));
        yield return command;
    }
}
