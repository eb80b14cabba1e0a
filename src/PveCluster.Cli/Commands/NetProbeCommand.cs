using System.CommandLine;
using System.Text.Json;
using PveCluster.Core.Links.Probe;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Cli.Commands;

/// <summary>
/// <c>pvecm netprobe serve|ping</c> (hidden): the per-node half of the network preflight, started by another
/// node's pvecm over SSH. <c>serve</c> prints one JSON line (clock, addresses, sockets) and echoes UDP probes
/// until its stdin closes; <c>ping</c> reads targets as JSON on stdin and prints the measured round trips.
/// </summary>
internal static class NetProbeCommand
{
    private static readonly TimeSpan MaxServe = TimeSpan.FromMinutes(5);

    public static Command Create(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Command("netprobe", "Network probe used by the preflight (internal).") { Hidden = true, Subcommands = { Serve(environment), Ping(environment) } };
    }

    private static Command Serve(CliEnvironment environment)
    {
        var node = new Option<string>("--node") { Description = "The name to report.", Required = true };
        var bind = new Option<string[]>("--bind") { Description = "An address to answer on (repeatable)." };
        var port = new Option<int>("--port") { Description = "The UDP port, when free.", DefaultValueFactory = _ => UdpProbeResponder.CorosyncPort };
        var command = new Command("serve") { node, bind, port };
        command.SetAction(async (result, cancellationToken) =>
        {
            using var responder = UdpProbeResponder.Start(result.GetValue(node)!, result.GetValue(bind) ?? [], result.GetValue(port), TimeProvider.System);
            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(responder.Ready, ProbeJsonContext.Default.ProbeReady).AsMemory(), cancellationToken)
                .ConfigureAwait(false);
            await environment.Out.FlushAsync(cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(MaxServe);
            var serving = responder.RunAsync(stop.Token);

            // The orchestrator closes our stdin (or ssh does when it goes away): that ends the probe.
            await Task.WhenAny(Console.In.ReadToEndAsync(stop.Token), Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            await serving.ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Ping(CliEnvironment environment)
    {
        var count = new Option<int>("--count") { Description = "Probes per target.", DefaultValueFactory = _ => 10 };
        var command = new Command("ping") { count };
        command.SetAction(async (result, cancellationToken) =>
        {
            List<ProbeTarget>? targets;
            try
            {
                targets = JsonSerializer.Deserialize(await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false), ProbeJsonContext.Default.ListProbeTarget);
            }
            catch (JsonException ex)
            {
                await environment.Error.WriteLineAsync($"netprobe ping: bad targets on stdin: {ex.Message}".AsMemory(), cancellationToken).ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var results = new List<ProbeResult>();
            foreach (var target in targets ?? [])
            {
                results.Add(await UdpProbePinger.PingAsync(target, Math.Clamp(result.GetValue(count), 1, 100), cancellationToken).ConfigureAwait(false));
            }

            await environment.Out.WriteLineAsync(JsonSerializer.Serialize(results, ProbeJsonContext.Default.ListProbeResult).AsMemory(), cancellationToken)
                .ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }
}
