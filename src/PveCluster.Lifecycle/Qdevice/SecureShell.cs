using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Qdevice;

/// <summary>
/// Runs a command as root on another host over ssh, never prompting (BatchMode), as Proxmox's pvecm does
/// for the QDevice steps. The command words are quoted for the remote shell, so no word is ever re-split.
/// </summary>
public sealed class SecureShell(IProcessRunner processes, IReadOnlyList<string> hostKeyOptions)
{
    /// <summary>Cluster nodes: their host keys must be in the cluster's known_hosts (pvecm updatecerts keeps it), nothing else is trusted.</summary>
    public static SecureShell ForNodes(IProcessRunner processes, ClusterPaths paths) =>
        new(processes, ["-o", $"UserKnownHostsFile={paths.ClusterKnownHosts}", "-o", "StrictHostKeyChecking=yes"]);

    /// <summary>
    /// The qnetd server: its key is learnt on first contact (what ssh-copy-id asks the admin to confirm) and
    /// pinned in root's known_hosts from then on; a changed key is refused.
    /// </summary>
    public static SecureShell ForQnetd(IProcessRunner processes) => new(processes, ["-o", "StrictHostKeyChecking=accept-new"]);

    public IReadOnlyList<string> HostKeyOptions { get; } = hostKeyOptions;

    public Task<ProcessResult> RunAsync(
        string host, IReadOnlyList<string> command, CancellationToken cancellationToken, string? standardInput = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        // Bounded: a host that stops answering mid-step ends the step after about 15 s instead of hanging it.
        List<string> arguments =
        [
            "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3",
            .. HostKeyOptions, "-l", "root", host, "--",
        ];
        arguments.Add(string.Join(' ', command.Select(Quote)));
        return processes.RunAsync("ssh", arguments, cancellationToken, standardInput);
    }

    /// <summary>Like <see cref="RunAsync"/>, but a failure is a <see cref="LifecycleException"/> naming <paramref name="what"/>.</summary>
    public async Task<string> RunCheckedAsync(
        string host, IReadOnlyList<string> command, string what, CancellationToken cancellationToken, string? standardInput = null)
    {
        var result = await RunAsync(host, command, cancellationToken, standardInput).ConfigureAwait(false);
        return result.Succeeded ? result.StandardOutput : throw new LifecycleException($"{what} on {host} failed: {result.Describe()}");
    }

    /// <summary>POSIX sh quoting of one word.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
