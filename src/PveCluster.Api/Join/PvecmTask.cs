using System.Diagnostics;
using PveCluster.Api.Tasks;

namespace PveCluster.Api.Join;

/// <summary>
/// Runs pvecm for a long-running API task (cluster create, join) so the API and the command line share one
/// implementation; every output line goes to the task log as it appears.
/// </summary>
public static class PvecmTask
{
    /// <exception cref="InvalidOperationException">pvecm failed; the message is its last error line.</exception>
    public static async Task RunAsync(
        string pvecm, IReadOnlyList<string> arguments, string? standardInput, TaskLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(log);
        var start = new ProcessStartInfo(pvecm)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // pvecm must not restart this server while it runs as one of its tasks.
        start.Environment["PVECM_CALLED_BY_API"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start '{pvecm}'");
        string? lastError = null;
        var output = PumpAsync(process.StandardOutput, log.Write);
        var errors = PumpAsync(process.StandardError, line =>
        {
            lastError = line;
            log.Write(line);
        });
        if (standardInput is not null)
        {
            await process.StandardInput.WriteLineAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(output, errors).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(lastError ?? $"pvecm exited with code {process.ExitCode}");
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> write)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            write(line);
        }
    }
}
