namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// One run of a command with the moment each line of its standard output was complete, in ms from the spawn.
/// pvecm prints a step as "text..." and "OK" on the same line when it ends, so a line's duration is the gap to the line before.
/// </summary>
public sealed record StepTrace(string Command, int ExitCode, double TotalMs, IReadOnlyList<TracedLine> Lines, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Each line with how long it took since the previous one (or the spawn).</summary>
    public IEnumerable<(TracedLine Line, double DurationMs)> Steps() =>
        Lines.Select((line, index) => (line, line.AtMs - (index == 0 ? 0 : Lines[index - 1].AtMs)));

    /// <summary>When the last line starting with <paramref name="prefix"/> was complete, or null when there is none.</summary>
    public double? LastLineStartingWith(string prefix) =>
        Lines.LastOrDefault(line => line.Text.StartsWith(prefix, StringComparison.Ordinal))?.AtMs;
}

/// <summary>A line of output and when it was complete, in ms from the spawn.</summary>
public sealed record TracedLine(double AtMs, string Text);
