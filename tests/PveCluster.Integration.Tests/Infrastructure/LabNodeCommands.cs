using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Infrastructure;

/// <summary>Commands the lifecycle fixtures run inside a node, shared so each reads the same way.</summary>
public static class LabNodeCommands
{
    /// <summary>Runs a command in a node; a failure carries its whole output into the test message.</summary>
    public static async Task<CommandResult> ExecOrFailAsync(this LabCluster lab, int node, IEnumerable<string> command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var result = await lab.ExecAsync(node, command, ct);
        Assert.True(result.Succeeded, $"node {node}: {result.Command} exited {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
        return result;
    }

    /// <summary>The SHA-256 fingerprint of a node's pve-ssl.pem, as `pvecm add --fingerprint` takes it.</summary>
    public static async Task<string> CertificateFingerprintAsync(this LabCluster lab, int node, CancellationToken ct)
    {
        var result = await lab.ExecOrFailAsync(node,
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", $"/etc/pve/nodes/n{node}/pve-ssl.pem"], ct);
        var line = result.StandardOutput.Trim();
        return line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }
}
