using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>What an admin types on a booted node, and the waits a test needs around it (conditions, never sleeps).</summary>
public static class BootShell
{
    /// <summary>Generous: unit starts and corosync membership changes queue up on a loaded 2-core machine.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs a shell command line inside the node, as typed at its root prompt.</summary>
    public static Task<CommandResult> ShAsync(this BootContainer node, string script, CancellationToken cancellationToken) =>
        node.ExecAsync(["sh", "-c", script], cancellationToken);

    /// <summary>Like <see cref="ShAsync"/>, failing with the command's output unless it succeeds; returns its standard output.</summary>
    public static async Task<string> ShCheckedAsync(this BootContainer node, string script, CancellationToken cancellationToken)
    {
        var result = await node.ShAsync(script, cancellationToken);
        Assert.True(result.Succeeded, $"{node.Name}: `{script}` exited {result.ExitCode}: {result.StandardError.Trim()} {result.StandardOutput.Trim()}");
        return result.StandardOutput;
    }

    /// <summary>Polls a shell command line inside the node until its result satisfies <paramref name="done"/>.</summary>
    public static Task<CommandResult> UntilAsync(
        this BootContainer node, string script, Func<CommandResult, bool> done, string what, CancellationToken cancellationToken) =>
        Polling.UntilAsync(token => node.ShAsync(script, token), done, StepTimeout, $"{node.Name}: {what}", cancellationToken);

    /// <summary>Waits until the node's corosync reports quorum with <paramref name="votes"/> votes out of <paramref name="expected"/>.</summary>
    public static Task<CommandResult> UntilQuorateAsync(this BootContainer node, int votes, int expected, CancellationToken cancellationToken) =>
        node.UntilAsync(
            "corosync-quorumtool -s",
            r => r.StandardOutput.Contains("Quorate:          Yes", StringComparison.Ordinal)
                && r.StandardOutput.Contains($"Total votes:      {votes}\n", StringComparison.Ordinal)
                && r.StandardOutput.Contains($"Expected votes:   {expected}\n", StringComparison.Ordinal),
            $"quorate with {votes} of {expected} expected votes", cancellationToken);

    /// <summary>pvecm create on the first node, pvecm add (password, pinned fingerprint) on the others; waits until all are quorate.</summary>
    public static async Task FormClusterAsync(BootLab lab, string clusterName, CancellationToken cancellationToken)
    {
        var first = lab.Nodes[0];
        foreach (var node in lab.Nodes)
            await node.UntilAsync("systemctl is-active pve-cluster", r => r.StandardOutput.Trim() == "active", "pve-cluster active", cancellationToken);
        await first.ShCheckedAsync($"pvecm create {clusterName}", cancellationToken);
        var fingerprint = (await first.ShCheckedAsync(
            $"openssl x509 -noout -fingerprint -sha256 -in /etc/pve/nodes/{first.Name}/pve-ssl.pem", cancellationToken)).Trim().Split('=')[1];
        foreach (var node in lab.Nodes.Skip(1))
        {
            await File.WriteAllTextAsync(Path.Combine(node.Root, "root/password"), BootRootfs.RootPassword + "\n", cancellationToken);
            await node.ShCheckedAsync($"pvecm add {lab.Address(1)} --fingerprint {fingerprint} --password-file /root/password", cancellationToken);
        }
        foreach (var node in lab.Nodes)
            await node.UntilQuorateAsync(lab.Nodes.Count, lab.Nodes.Count, cancellationToken);
    }
}
