using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm updatecerts [--force]</c>.</summary>
internal static class UpdateCertsCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var force = new Option<bool>("--force", "-force") { Description = "Issue a new node certificate even if the current one is valid." };
        var command = new Command("updatecerts", "Update node certificates and the cluster-wide SSH keys and known_hosts.") { force };
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new UpdateCertsExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(
                result.GetValue(force), cancellationToken),
            cancellationToken));
        return command;
    }
}
