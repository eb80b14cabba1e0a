namespace PveCluster.Lab.Processes;

/// <summary>The outcome of one finished command: exit code plus captured output.</summary>
public sealed record CommandResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws <see cref="LabCommandException"/> unless the command exited with 0.</summary>
    public CommandResult EnsureSuccess()
    {
        if (!Succeeded)
        {
            throw new LabCommandException(this);
        }
        return this;
    }
}
