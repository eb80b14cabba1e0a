using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Links;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm preflight [--linkN ADDR]...</c>: the network checks of the link commands, on their own.</summary>
internal static class PreflightCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var links = new LinkOptions("this node's address to check");
        var command = new Command(
            "preflight",
            "Check the cluster network: in a cluster, every link between every pair of nodes (UDP reachability, round trip "
            + "under 2 ms, MTU, clocks); before create or join, that the given addresses are this host's and usable.");
        links.AddTo(command);
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new PreflightExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(links.Parse(result), cancellationToken),
            cancellationToken));
        return command;
    }
}
