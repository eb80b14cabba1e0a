using System.CommandLine;
using PveCluster.Cli.Output;
using PveCluster.Core.Quorum;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm status</c>: cluster header plus the corosync-quorumtool -siH report. Exit 0 even when not quorate.</summary>
internal static class StatusCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var format = OutputFormat.CreateOption();
        var command = new Command("status", "Show the cluster, quorum and membership status of this node.") { format };
        command.SetAction((parseResult, cancellationToken) => ClusterCommandRunner.RunAsync(
            environment,
            async connection =>
            {
                var status = await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
                var text = parseResult.GetValue(format) == OutputFormat.Json
                    ? PvecmJson.Status(status) + "\n"
                    : QuorumStatusReport.RenderPvecmStatus(status.Quorum, status.Cluster);
                await environment.Out.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Ok;
            },
            cancellationToken));
        return command;
    }
}
