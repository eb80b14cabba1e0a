namespace PveCluster.Lifecycle.Join;

/// <summary>What pvecm reads from the admin: answers and the peer's password.</summary>
public interface IUserInput
{
    /// <summary>False when stdin is a pipe or file (automation): nothing may be asked then.</summary>
    bool IsInteractive { get; }

    /// <summary>One line from stdin, null at end of input.</summary>
    string? ReadLine();

    /// <summary>Reads a line without echoing it (only when <see cref="IsInteractive"/>).</summary>
    string ReadSecret();
}
