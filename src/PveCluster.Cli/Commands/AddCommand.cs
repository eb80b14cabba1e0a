using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm add HOST</c>: join this node to the cluster HOST belongs to, through HOST's API.</summary>
internal static class AddCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var host = new Argument<string>("hostname") { Description = "IP or host name of an existing cluster node." };
        var links = new LinkOptions("this node's address");
        var fingerprint = new Option<string>("--fingerprint", "-fingerprint")
        {
            Description = "SHA-256 fingerprint of the peer's API certificate (AB:CD:...); required when stdin is not a terminal.",
        };
        var force = new Option<bool>("--force", "-force") { Description = "Join although this node has cluster files, guests or a clashing name." };
        var nodeId = new Option<ulong?>("--nodeid", "-nodeid") { Description = "Node id for this node (default: lowest free)." };
        var votes = new Option<ulong?>("--votes", "-votes") { Description = "Votes for this node (default 1)." };
        var useSsh = new Option<bool>("--use_ssh", "-use_ssh") { Description = "Join over SSH instead of the API (not supported)." };
        var passwordFile = new Option<string>("--password-file") { Description = "Read the peer's root password from the first line of FILE." };
        var command = new Command("add", "Add this node to the cluster of an existing node.")
        {
            host, fingerprint, force, nodeId, votes, useSsh, passwordFile,
        };
        links.AddTo(command);
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () =>
            {
                if (result.GetValue(useSsh))
                {
                    throw CliException.Usage("--use_ssh is not supported: joining works through the peer's API (port 8006) only");
                }

                var options = new JoinOptions(
                    result.GetValue(host)!,
                    links.Parse(result),
                    result.GetValue(fingerprint),
                    result.GetValue(force),
                    result.GetValue(nodeId),
                    result.GetValue(votes),
                    result.GetValue(passwordFile));
                return new JoinExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(options, cancellationToken);
            },
            cancellationToken));
        return command;
    }
}
