using System.CommandLine;
using System.Runtime.InteropServices;
using PveCluster.Lab.Delay;

namespace PveCluster.Lab.Cli;

/// <summary>`delay`, and the hidden `delay-holder` that runs inside the node.</summary>
internal static class DelayCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Delay(context);
        yield return Holder();
    }

    private static Command Delay(CliContext context)
    {
        var node = new Argument<string>("I") { Description = "Node number" };
        var milliseconds = new Argument<int>("MS") { Description = "Egress delay in ms (0 removes it)" };
        var link = new Argument<string?>("LINK") { Description = "Link number or all (default all)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("delay", "Delay node I's outgoing packets (NFQUEUE holder; the kernel has no netem)") { node, milliseconds, link };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            await lab.DelayAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), parseResult.GetValue(milliseconds),
                CliContext.ParseLink(parseResult.GetValue(link)), cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Holder()
    {
        var queue = new Argument<ushort>("QUEUE") { Description = "NFQUEUE number" };
        var milliseconds = new Argument<int>("MS") { Description = "Delay in ms" };
        var command = new Command("delay-holder", "Internal: hold packets of an NFQUEUE (started by `delay` inside a node)")
        {
            queue, milliseconds,
        };
        command.Hidden = true;
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            var queueNumber = parseResult.GetValue(queue);
            var delay = TimeSpan.FromMilliseconds(parseResult.GetValue(milliseconds));
            // The loop blocks in poll(); keep it off the thread pool.
            await Task.Factory.StartNew(
                () => PacketDelayHolder.Run(queueNumber, delay, () => Console.WriteLine(LabCluster.DelayHolderReady), stop.Token),
                stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
