using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm create NAME [--linkN ADDR[,priority=N]]... [--nodeid N] [--votes N]</c>.</summary>
internal static class CreateCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = new Argument<string>("clustername") { Description = "The cluster name (at most 15 characters; cannot be changed later)." };
        var links = new LinkOptions("this node's address");
        var nodeId = new Option<ulong?>("--nodeid", "-nodeid") { Description = "This node's id (default 1)." };
        var votes = new Option<ulong?>("--votes", "-votes") { Description = "This node's votes (default 1)." };
        var command = new Command("create", "Generate a new cluster configuration on this node.") { name, nodeId, votes };
        links.AddTo(command);
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new CreateExecutor(Resolve(environment, context), environment.Out).RunAsync(
                result.GetValue(name)!, links.Parse(result), result.GetValue(nodeId), result.GetValue(votes), cancellationToken),
            cancellationToken));
        return command;
    }

    internal static LifecycleContext Resolve(CliEnvironment environment, Func<LifecycleContext>? context) =>
        context?.Invoke() ?? LifecycleContext.FromEnvironment(new LocalHost(), environment.ConnectCluster, new ConsoleUserInput());
}
