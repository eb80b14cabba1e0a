namespace PveCluster.Cli.Services;

/// <summary>Runs external tools (systemctl, ssh-keygen, corosync-cfgtool); faked in tests.</summary>
internal interface IProcessRunner
{
    /// <exception cref="CliException">The program could not be started (not installed, not executable).</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null);
}
