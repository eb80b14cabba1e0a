using System.CommandLine;

namespace PveCluster.Lab.Cli;

/// <summary>`exec`, `start`, `kill`, `spawn`, `stop`: processes inside nodes.</summary>
internal static class NodeCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Exec(context);
        yield return Start(context);
        yield return Kill(context);
        yield return Spawn(context);
        yield return Stop(context);
    }

    private static Argument<string> NodeArgument() => new("I") { Description = "Node number (1..N)" };

    private static Command Exec(CliContext context)
    {
        var node = NodeArgument();
        var line = new Argument<string[]>("CMD") { Description = "Command line to run inside the node", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Run a command inside node I (its network, mount and UTS namespaces)") { node, line };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            var cwd = Environment.CurrentDirectory;
            return await lab.ExecAttachedAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), parseResult.GetRequiredValue(line),
                IsRebound(cwd) ? null : cwd, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>Directories the node sees as its own private copy: the caller's cwd there means something else.</summary>
    private static bool IsRebound(string directory) =>
        Naming.NodeBind.All.Select(b => b.Target).Concat(["/dev/shm", "/sys"])
            .Any(target => directory == target || directory.StartsWith(target + "/", StringComparison.Ordinal));

    private static Command Start(CliContext context)
    {
        var node = NodeArgument();
        var command = new Command("start", "Start corosync on node I") { node };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            await lab.StartCorosyncAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Kill(CliContext context)
    {
        var node = NodeArgument();
        var hard = new Option<bool>("-9") { Description = "SIGKILL (a crash) instead of SIGTERM (a clean leave)" };
        var command = new Command("kill", "Stop corosync on node I") { node, hard };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            await lab.StopCorosyncAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), parseResult.GetValue(hard), cancellationToken)
                .ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Spawn(CliContext context)
    {
        var node = NodeArgument();
        var name = new Argument<string>("NAME") { Description = "Name to stop it by later ([A-Za-z0-9_-]+)" };
        var line = new Argument<string[]>("CMD") { Description = "Daemon command line", Arity = ArgumentArity.OneOrMore };
        var command = new Command("spawn", "Run a daemon in the background inside node I (stopped by `stop` or `down`)") { node, name, line };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            var nodeNumber = CliContext.ParseNode(parseResult.GetRequiredValue(node));
            var process = await lab.SpawnAsync(nodeNumber, parseResult.GetRequiredValue(name), parseResult.GetRequiredValue(line), cancellationToken)
                .ConfigureAwait(false);
            Console.WriteLine(process.Pid);
            return 0;
        }));
        return command;
    }

    private static Command Stop(CliContext context)
    {
        var node = NodeArgument();
        var name = new Argument<string>("NAME") { Description = "Name given to spawn" };
        var signal = new Option<string>("--signal") { Description = "Signal to send first", DefaultValueFactory = _ => "TERM" };
        var command = new Command("stop", "Stop a spawned daemon") { node, name, signal };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            var nodeNumber = CliContext.ParseNode(parseResult.GetRequiredValue(node));
            var processName = parseResult.GetRequiredValue(name);
            if (!await lab.StopSpawnedAsync(nodeNumber, processName, parseResult.GetValue(signal) ?? "TERM", cancellationToken).ConfigureAwait(false))
            {
                throw new LabException($"no running '{processName}' on node {nodeNumber}");
            }
            return 0;
        }));
        return command;
    }
}
