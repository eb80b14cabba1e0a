namespace PveCluster.Lifecycle.Services;

/// <summary>How an external command ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The most useful text for an error message: stderr, else stdout, else the exit code.</summary>
    public string Describe()
    {
        var text = StandardError.Trim();
        if (text.Length == 0)
        {
            text = StandardOutput.Trim();
        }

        return text.Length == 0 ? $"exit code {ExitCode}" : $"{text} (exit code {ExitCode})";
    }
}
