using System.CommandLine;
using System.Globalization;
using PveCluster.Lab.State;
using PveCluster.Lab.Status;

namespace PveCluster.Lab.Cli;

/// <summary>`status`, `list` and `log`.</summary>
internal static class StatusCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Status(context);
        yield return List();
        yield return Log(context);
    }

    private static Command Log(CliContext context)
    {
        var node = new Argument<string>("I") { Description = "Node number" };
        var lines = new Argument<int>("N") { Description = "Number of lines (default 30)", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => 30 };
        var command = new Command("log", "Print the last lines of node I's corosync log") { node, lines };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            var path = lab.CorosyncLogPath(CliContext.ParseNode(parseResult.GetRequiredValue(node)));
            if (!File.Exists(path))
            {
                throw new LabException($"no corosync log yet at {path}");
            }
            foreach (var line in (await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false)).TakeLast(parseResult.GetValue(lines)))
            {
                Console.WriteLine(line);
            }
            return 0;
        }));
        return command;
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", "One line per node: corosync pid, link states, quorum view");
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            Console.WriteLine($"lab {lab.Id}: {lab.NodeCount} nodes, link0 {lab.Addressing.Subnet(0)}" +
                (lab.Options.Links > 1 ? $", link1 {lab.Addressing.Subnet(1)}" : ""));
            Console.WriteLine($"{"node",-5} {"pid",-8} {"links",-24} {"services",-36} quorum");
            foreach (var status in await lab.StatusAsync(cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine(FormatLine(status));
            }
            return 0;
        }));
        return command;
    }

    internal static string FormatLine(NodeStatus status)
    {
        var pid = status.CorosyncPid?.ToString(CultureInfo.InvariantCulture) ?? "-";
        var links = string.Join(' ', status.Links);
        var quorum = status.Quorum?.ToString() ?? status.QuorumError ?? "";
        var services = string.Join(',', status.Services);
        return $"{status.Node,-5} {pid,-8} {links,-24} {services,-36} {quorum}";
    }

    private static Command List()
    {
        var command = new Command("list", "List the labs on this machine");
        command.SetAction(parseResult => CliContext.GuardAsync(() =>
        {
            foreach (var id in LabCluster.ListIds())
            {
                var state = LabStateStore.Load(new Naming.LabPaths(Naming.LabPaths.DefaultBaseDirectory, id));
                var subnet = new Network.LabAddressing(state.SubnetIndex).Subnet(0);
                var processes = LabCluster.Open(id, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance).Processes.Count;
                Console.WriteLine($"{id}  {state.Options.NodeCount} nodes  {state.Options.Links} link(s)  {subnet}  " +
                    $"{(state.Options.Standalone ? "standalone" : "clustered")}  created {state.CreatedAt:yyyy-MM-dd HH:mm:ss}Z  processes {processes}");
            }
            return Task.FromResult(0);
        }));
        return command;
    }
}
