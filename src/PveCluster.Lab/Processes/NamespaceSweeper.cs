using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PveCluster.Lab.Processes;

/// <summary>
/// Ends every process living in a namespace, whoever started it (a shell left by `exec`, a daemon
/// pvecm started, a child of a killed daemon): teardown must leave nothing running in a node.
/// Processes are found by their /proc/PID/ns/{net,mnt} link, which names the namespace inode.
/// </summary>
public sealed class NamespaceSweeper
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(5);

    private readonly CommandRunner _runner;
    private readonly ILogger _logger;

    public NamespaceSweeper(CommandRunner runner, ILogger logger)
    {
        _runner = runner;
        _logger = logger;
    }

    /// <summary>The inode of a namespace file (a /run/netns entry or a bind-mounted ns file), or null if it is gone.</summary>
    public async Task<ulong?> InodeAsync(string namespaceFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(namespaceFile))
        {
            return null;
        }
        var result = await _runner.RunAsync(["stat", "-L", "-c", "%i", namespaceFile], cancellationToken).ConfigureAwait(false);
        return result.Succeeded && ulong.TryParse(result.StandardOutput.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
            ? inode
            : null;
    }

    /// <summary>PIDs whose net or mount namespace is one of <paramref name="inodes"/>.</summary>
    public static IReadOnlyList<int> ProcessesIn(IReadOnlySet<ulong> inodes)
    {
        var self = Environment.ProcessId;
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == self)
            {
                continue;
            }
            if (NamespaceInode(pid, "net") is { } net && inodes.Contains(net)
                || NamespaceInode(pid, "mnt") is { } mnt && inodes.Contains(mnt))
            {
                found.Add(pid);
            }
        }
        return found;
    }

    /// <summary>SIGTERM to every process in the namespaces, SIGKILL to what is left after a grace period; waits until none is left.</summary>
    public async Task SweepAsync(IReadOnlySet<ulong> inodes, string what, CancellationToken cancellationToken)
    {
        if (inodes.Count == 0)
        {
            return;
        }
        foreach (var signal in new[] { "TERM", "KILL" })
        {
            var pids = ProcessesIn(inodes);
            if (pids.Count == 0)
            {
                return;
            }
            _logger.LogInformation("{What}: SIG{Signal} to {Processes}", what, signal,
                string.Join(", ", pids.Select(p => $"{ProcessProbe.ReadComm(p)}({p.ToString(CultureInfo.InvariantCulture)})")));
            await _runner.RunAsync(["kill", "-s", signal, .. pids.Select(p => p.ToString(CultureInfo.InvariantCulture))], cancellationToken)
                .ConfigureAwait(false);
            var deadline = DateTime.UtcNow + GracePeriod;
            while (ProcessesIn(inodes).Count > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
        var left = ProcessesIn(inodes);
        if (left.Count > 0)
        {
            throw new LabException($"{what}: processes survive SIGKILL: {string.Join(", ", left)}");
        }
    }

    private static ulong? NamespaceInode(int pid, string kind)
    {
        try
        {
            // "net:[4026532281]"
            var target = new FileInfo($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/{kind}").LinkTarget;
            if (target is null)
            {
                return null;
            }
            var open = target.IndexOf('[', StringComparison.Ordinal);
            var close = target.IndexOf(']', StringComparison.Ordinal);
            return open > 0 && close > open
                && ulong.TryParse(target.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var inode)
                ? inode
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
