using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm delnode NODE</c>: remove a (powered off) node from the cluster configuration.</summary>
internal static class DelNodeCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var node = new Argument<string>("node") { Description = "The node to remove: its name or one of its link addresses." };
        var command = new Command("delnode", "Remove a node from the cluster configuration. Power it off first, for good.") { node };
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new DeleteNodeExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(
                result.GetValue(node)!, cancellationToken),
            cancellationToken));
        return command;
    }
}
