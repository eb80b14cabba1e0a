using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm addnode NODE</c>: add a node to the cluster configuration on this member (manual setups).</summary>
internal static class AddNodeCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var node = new Argument<string>("node") { Description = "The new node's name." };
        var links = new LinkOptions("the new node's address");
        var nodeId = new Option<ulong?>("--nodeid", "-nodeid") { Description = "Node id (default: lowest free)." };
        var votes = new Option<ulong?>("--votes", "-votes") { Description = "Votes (default 1)." };
        var force = new Option<bool>("--force", "-force") { Description = "Replace an existing entry of that name (same id and votes)." };
        var command = new Command("addnode", "Add a node to the cluster configuration (internal use; 'pvecm add' does this for you).")
        {
            node, nodeId, votes, force,
        };
        links.AddTo(command);
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            async () =>
            {
                var lifecycle = CreateCommand.Resolve(environment, context);
                var options = new AddNodeOptions(
                    result.GetValue(node)!, links.Parse(result), result.GetValue(nodeId), result.GetValue(votes), Force: result.GetValue(force));
                var added = await new AddNodeExecutor(lifecycle, environment.Out).RunAsync(options, cancellationToken).ConfigureAwait(false);
                await environment.Out.WriteLineAsync(
                    $"node '{options.Node}' added with nodeid {added.Plan.NodeId}; copy {lifecycle.Paths.AuthKey} and {lifecycle.Paths.LocalCorosyncConf} to it, then start corosync and pve-cluster there"
                        .AsMemory(), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken));
        return command;
    }
}
