namespace PveCluster.Lab.Processes;

/// <summary>A command the lab depends on failed; the message carries its stderr so the cause is visible.</summary>
public sealed class LabCommandException : LabException
{
    public LabCommandException(CommandResult result)
        : base($"'{result.Command}' exited with {result.ExitCode}: {Describe(result)}")
    {
        Result = result;
    }

    public CommandResult Result { get; }

    private static string Describe(CommandResult result)
    {
        var text = string.IsNullOrWhiteSpace(result.StandardError) ? result.StandardOutput : result.StandardError;
        return string.IsNullOrWhiteSpace(text) ? "(no output)" : text.Trim();
    }
}
