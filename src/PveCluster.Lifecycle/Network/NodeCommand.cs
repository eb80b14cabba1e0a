using System.ComponentModel;
using System.Diagnostics;

namespace PveCluster.Lifecycle.Network;

/// <summary>
/// Runs <c>pvecm netprobe ...</c> on a node: here directly, elsewhere over SSH as root with the cluster's
/// known_hosts (as Proxmox reaches its nodes), never asking for a password.
/// </summary>
public sealed class NodeCommand(ClusterPaths paths)
{
    /// <summary>
    /// The pvecm executable: PVE_PVECM, else its absolute path found in this process's PATH. Nodes are installed
    /// alike, so the same path works over SSH, whose remote PATH is sshd's default and may not include it.
    /// </summary>
    private static string Pvecm
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PVE_PVECM") is { Length: > 0 } configured)
            {
                return configured;
            }

            var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, "pvecm"))
                .FirstOrDefault(File.Exists);
            return found ?? "pvecm";
        }
    }

    public ProcessStartInfo StartInfo(PreflightNode node, IReadOnlyList<string> pvecmArguments)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(pvecmArguments);
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (node.SshAddress is null)
        {
            start.FileName = Pvecm;
        }
        else
        {
            start.FileName = "ssh";
            foreach (var argument in SshArguments(node))
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(Pvecm);
        }

        foreach (var argument in pvecmArguments)
        {
            // ssh hands the words to the remote shell: only plain tokens (addresses, numbers, options) are passed.
            if (argument.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or ':' or '_' or '=' or ',' or '/')))
            {
                throw new ArgumentException($"'{argument}' cannot be passed through ssh safely", nameof(pvecmArguments));
            }

            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Starts the command; failures to start are <see cref="LifecycleException"/>s.</summary>
    public Process Start(PreflightNode node, IReadOnlyList<string> pvecmArguments)
    {
        var process = new Process { StartInfo = StartInfo(node, pvecmArguments) };
        try
        {
            process.Start();
            return process;
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new LifecycleException($"cannot run '{process.StartInfo.FileName}' for node '{node.Name}': {ex.Message}", ex);
        }
    }

    private IEnumerable<string> SshArguments(PreflightNode node) =>
    [
        "-e", "none", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "StrictHostKeyChecking=yes",
        "-o", $"UserKnownHostsFile={paths.ClusterKnownHosts}", "-o", $"HostKeyAlias={node.Name}",
        $"root@{node.SshAddress}", "--",
    ];
}
