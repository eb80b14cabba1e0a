namespace PveCluster.Lifecycle.Services;

/// <summary>Runs external tools (systemctl, ssh-keygen, corosync-cfgtool); faked in tests.</summary>
public interface IProcessRunner
{
    /// <exception cref="LifecycleException">The program could not be started (not installed, not executable).</exception>
    Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken, string? standardInput = null);
}
