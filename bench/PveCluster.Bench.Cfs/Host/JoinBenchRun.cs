using Microsoft.Extensions.Logging;
using PveCluster.Bench.Cfs.Worker;
using PveCluster.Lab;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>
/// <c>pve-bench-cfs --join</c>: builds a lab of fresh standalone hosts (pmxcfs in local mode, pvedaemon and
/// pveproxy running), creates the cluster on n1 and joins every other node through n1's API the way an
/// administrator does, timing each <c>pvecm add</c> line by line; always tears the lab down.
/// </summary>
public sealed class JoinBenchRun(BenchOptions options, ILogger logger)
{
    private const string ClusterName = "bench";
    private const string Password = "bench root pw";

    public async Task<JoinReport> RunAsync(CancellationToken cancellationToken)
    {
        var loadBefore = LoadAverage.Read();
        Progress($"building {options.Nodes} standalone hosts (load average {loadBefore})");
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = options.Nodes, Standalone = true, RootPassword = Password }, logger, cancellationToken)
            .ConfigureAwait(false);
        var passwordDirectory = Directory.CreateTempSubdirectory("pve-bench-join-");
        try
        {
            if (lab.BootProblems.Count > 0)
                throw new LabException($"the standalone hosts did not boot cleanly: {string.Join("; ", lab.BootProblems)}");
            // /tmp is shared with the nodes.
            var passwordFile = Path.Combine(passwordDirectory.FullName, "password");
            await File.WriteAllTextAsync(passwordFile, Password + "\n", cancellationToken).ConfigureAwait(false);

            Progress($"lab {lab.Id}: n1: pvecm create {ClusterName}");
            var create = await TraceAsync(lab, 1, ["pvecm", "create", ClusterName], cancellationToken).ConfigureAwait(false);
            var fingerprint = await FingerprintAsync(lab, 1, cancellationToken).ConfigureAwait(false);
            var address = lab.Addressing.Node(1, 0).ToString();
            var joins = new List<JoinSample>();
            foreach (var node in lab.Nodes.Skip(1))
            {
                Progress($"n{node}: pvecm add {address}");
                var trace = await TraceAsync(lab, node,
                    ["pvecm", "add", address, "--fingerprint", fingerprint, "--password-file", passwordFile], cancellationToken).ConfigureAwait(false);
                await EnsureQuorateMemberAsync(lab, node, cancellationToken).ConfigureAwait(false);
                joins.Add(new JoinSample(node, trace));
            }
            return new JoinReport(options.Nodes, loadBefore, LoadAverage.Read(), create, joins);
        }
        finally
        {
            // First: a failing teardown must not leave the password behind.
            passwordDirectory.Delete(recursive: true);
            Progress($"tearing lab {lab.Id} down");
            using var teardown = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await lab.DownAsync(teardown.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a pvecm command in a node through the step tracer; a failure stops the run with pvecm's own words.</summary>
    private static async Task<StepTrace> TraceAsync(LabCluster lab, int node, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await lab.ExecAsync(node, [.. BenchRun.WorkerCommandLine(), WorkerCommand.Steps, "--", .. command], cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
            throw new LabException($"n{node}: the step tracer exited {result.ExitCode}: {result.StandardError.Trim()}");
        var trace = WorkerCommand.Parse(result.StandardOutput, WorkerCommand.StepsType);
        if (!trace.Succeeded)
            throw new LabException($"n{node}: `{trace.Command}` exited {trace.ExitCode}:\n{string.Join('\n', trace.Lines.Select(l => l.Text))}\n{trace.StandardError.Trim()}");
        return trace;
    }

    /// <summary>pvecm returned success: the node must now count in a quorate membership and hold the cluster's corosync.conf.</summary>
    private static async Task EnsureQuorateMemberAsync(LabCluster lab, int node, CancellationToken cancellationToken)
    {
        var quorum = await lab.QuorumStatusAsync(node, cancellationToken).ConfigureAwait(false);
        if (quorum is not { Quorate: true })
            throw new LabException($"n{node}: `pvecm add` succeeded but the node is not in a quorate membership");
        var synced = await lab.ExecAsync(node, ["test", "-f", "/etc/pve/corosync.conf"], cancellationToken).ConfigureAwait(false);
        if (!synced.Succeeded)
            throw new LabException($"n{node}: `pvecm add` succeeded but /etc/pve/corosync.conf is missing");
    }

    private static async Task<string> FingerprintAsync(LabCluster lab, int node, CancellationToken cancellationToken)
    {
        var result = await lab.ExecCheckedAsync(node,
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", $"/etc/pve/nodes/n{node}/pve-ssl.pem"], cancellationToken)
            .ConfigureAwait(false);
        var line = result.StandardOutput.Trim();
        return line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..];
    }

    private static void Progress(string message) => Console.Error.WriteLine($"pve-bench-cfs: {message}");
}
