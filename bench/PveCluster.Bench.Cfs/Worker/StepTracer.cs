using System.Diagnostics;

namespace PveCluster.Bench.Cfs.Worker;

/// <summary>Runs a command once and stamps each line of its standard output as it arrives.</summary>
public static class StepTracer
{
    public static async Task<StepTrace> RunAsync(IReadOnlyList<string> line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        var clock = Stopwatch.StartNew();
        using var process = StartRedirected(line);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<TracedLine>();
        while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } text)
            lines.Add(new TracedLine(clock.Elapsed.TotalMilliseconds, text));
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        var total = clock.Elapsed.TotalMilliseconds;
        return new StepTrace(string.Join(' ', line), process.ExitCode, total, lines, await error.ConfigureAwait(false));
    }

    /// <summary>Starts a command line with its standard output and error read by the caller.</summary>
    internal static Process StartRedirected(IReadOnlyList<string> line)
    {
        var start = new ProcessStartInfo(line[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in line.Skip(1))
            start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"cannot start {line[0]}");
    }
}
