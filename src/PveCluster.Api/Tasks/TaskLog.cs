namespace PveCluster.Api.Tasks;

/// <summary>
/// A task's log file. The last line is <c>TASK OK</c> or <c>TASK ERROR: message</c>, which is how a finished
/// task's exit status survives a restart of the server.
/// </summary>
public sealed class TaskLog
{
    public const string OkLine = "TASK OK";
    public const string ErrorPrefix = "TASK ERROR: ";

    /// <summary>Proxmox's status for a task whose log has no final line although it no longer runs (the server died).</summary>
    public const string UnexpectedStatus = "unexpected status";

    private readonly Lock _lock = new();

    public TaskLog(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Appends one line; a multi-line message becomes several lines.</summary>
    public void Write(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var lines = line.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        lock (_lock)
        {
            File.AppendAllLines(Path, lines);
        }
    }

    /// <summary>The exit status from the last line, or null while the task has not finished.</summary>
    public static string? ReadExitStatus(IReadOnlyList<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var last = lines.Count > 0 ? lines[^1] : "";
        if (string.Equals(last, OkLine, StringComparison.Ordinal))
        {
            return "OK";
        }

        return last.StartsWith(ErrorPrefix, StringComparison.Ordinal) ? last[ErrorPrefix.Length..] : null;
    }
}
