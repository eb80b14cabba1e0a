using System.CommandLine;
using PveCluster.Cli.Output;
using PveCluster.Core.Quorum;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm nodes</c>: the membership table of corosync-quorumtool -l (decimal ids, nodelist names).</summary>
internal static class NodesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var format = OutputFormat.CreateOption();
        var command = new Command("nodes", "List the nodes of this node's partition with their votes.") { format };
        command.SetAction((parseResult, cancellationToken) => ClusterCommandRunner.RunAsync(
            environment,
            async connection =>
            {
                var status = await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
                var text = parseResult.GetValue(format) == OutputFormat.Json
                    ? PvecmJson.Nodes(status) + "\n"
                    : QuorumStatusReport.RenderPvecmNodes(status.Quorum);
                await environment.Out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
