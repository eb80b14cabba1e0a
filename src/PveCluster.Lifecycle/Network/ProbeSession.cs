using System.Diagnostics;
using System.Text.Json;
using PveCluster.Core.Links.Probe;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// A running <c>pvecm netprobe serve</c> on one node: started, its ready line read, then kept answering until
/// disposed (closing its stdin ends it; a kill follows if it does not).
/// </summary>
internal sealed class ProbeSession : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly Task<string> _errors;

    private ProbeSession(Process process, ProbeReady ready, long clockOffsetMs, long uncertaintyMs)
    {
        _process = process;
        _errors = process.StandardError.ReadToEndAsync();
        Ready = ready;
        Clock = new NodeClock(ready.Node, clockOffsetMs, uncertaintyMs);
    }

    public ProbeReady Ready { get; }

    public NodeClock Clock { get; }

    public static async Task<ProbeSession> StartAsync(
        NodeCommand command, PreflightNode node, IReadOnlyList<string> bindAddresses, TimeProvider time, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "netprobe", "serve", "--node", node.Name };
        foreach (var address in bindAddresses)
        {
            arguments.Add("--bind");
            arguments.Add(address);
        }

        var sent = time.GetUtcNow().ToUnixTimeMilliseconds();
        var process = command.Start(node, arguments);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReadyTimeout);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                line = null;
            }

            var received = time.GetUtcNow().ToUnixTimeMilliseconds();
            var ready = line is null ? null : JsonSerializer.Deserialize(line, ProbeJsonContext.Default.ProbeReady);
            if (ready is null)
            {
                var problem = process.HasExited ? (await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim() : "no answer";
                throw new LifecycleException(
                    $"node '{node.Name}': the network probe did not start ({(problem.Length > 0 ? problem : "exited")}); "
                    + (node.IsLocal ? "is pvecm on PATH?" : $"can root reach {node.SshAddress} over SSH without a password?"));
            }

            var midpoint = sent + ((received - sent) / 2);
            return new ProbeSession(process, ready with { Node = node.Name }, ready.TimeMs - midpoint, (received - sent) / 2);
        }
        catch
        {
            Stop(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            Stop(_process);
        }

        await _errors.ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
