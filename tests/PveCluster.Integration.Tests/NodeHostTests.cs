using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests;

/// <summary>`up --standalone`: every node is a fresh host of its own, and `down` leaves no process of it behind.</summary>
public sealed class NodeHostTests
{
    private const string Password = "s3cret lab";

    [LabFact]
    public async Task Standalone_nodes_are_fresh_hosts_with_own_identity_and_down_ends_every_process_inside_them()
    {
        LabRequirements.ThrowIfRequiredAndMissing();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var hostShadowBefore = await File.ReadAllTextAsync("/etc/shadow", ct);
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = 2, Standalone = true, StartPveServices = false, RootPassword = Password }, NullLogger.Instance, ct);
        var downDone = false;
        try
        {
            var hostKeys = new HashSet<string>(StringComparer.Ordinal) { await HostKeyAsync(lab, null, ct) };
            foreach (var node in lab.Nodes)
            {
                // Not a cluster member yet: nothing for corosync, and the service control says so.
                Assert.False(File.Exists(Path.Combine(lab.NodePath(node, NodeBind.EtcCorosync), "corosync.conf")));
                Assert.False(File.Exists(Path.Combine(lab.NodePath(node, NodeBind.EtcCorosync), "authkey")));
                Assert.Null(lab.CorosyncProcess(node));
                var status = await lab.ExecAsync(node, [ServiceRunDirectory.ControlScript, "status", "corosync"], ct);
                Assert.Equal(NodeServiceControl.NotRunningExitCode, status.ExitCode);
                var start = await lab.ExecAsync(node, [ServiceRunDirectory.ControlScript, "start", "corosync"], ct);
                Assert.NotEqual(0, start.ExitCode);
                Assert.Contains("/etc/corosync/corosync.conf does not exist", start.StandardError, StringComparison.Ordinal);

                var identity = await lab.ExecCheckedAsync(node, ["sh", "-c", "hostname; cat /etc/hostname; echo $PVE_SERVICE_CONTROL"], ct);
                Assert.Equal([$"n{node}", $"n{node}", ServiceRunDirectory.ControlScript], identity.StandardOutput.Trim().Split('\n'));

                // PAM's password helper checks the node's private shadow: the lab password, nothing else.
                Assert.Equal(0, (await CheckPasswordAsync(lab, node, Password, ct)).ExitCode);
                Assert.NotEqual(0, (await CheckPasswordAsync(lab, node, "labroot", ct)).ExitCode);

                // Own SSH host keys (none shared with the host or another node), served by the node's own sshd.
                Assert.True(hostKeys.Add(await HostKeyAsync(lab, node, ct)), $"node {node} reuses an SSH host key");
                var sshd = lab.ServiceProcess(node, ServiceNames.Sshd);
                Assert.NotNull(sshd);
                Assert.True(ListeningSockets.IsListening(sshd.Pid, 22), $"sshd of node {node} does not listen on port 22");
            }
            Assert.Equal(hostShadowBefore, await File.ReadAllTextAsync("/etc/shadow", ct));

            // The API's task logs live in /var/log/pve: each node has its own, so no node lists another's tasks.
            var marker = $"owner-{lab.Id}";
            foreach (var node in lab.Nodes)
            {
                await lab.ExecCheckedAsync(node, ["sh", "-c", $"echo n{node} > /var/log/pve/{marker}"], ct);
            }
            foreach (var node in lab.Nodes)
            {
                var owner = await lab.ExecCheckedAsync(node, ["cat", $"/var/log/pve/{marker}"], ct);
                Assert.Equal($"n{node}", owner.StandardOutput.Trim());
            }
            Assert.False(File.Exists($"/var/log/pve/{marker}"), "a node wrote into the host's /var/log/pve");

            // A process the lab knows nothing about, detached inside node 2: down must still end it.
            await lab.ExecCheckedAsync(2, ["sh", "-c", "setsid sleep 600 </dev/null >/dev/null 2>&1 &"], ct);
            var node2Network = NetworkNamespace(lab.ServiceProcess(2, ServiceNames.Sshd)!.Pid);
            var stray = await Polling.UntilAsync(
                _ => Task.FromResult(Directory.EnumerateDirectories("/proc").Select(Path.GetFileName)
                    .Select(n => int.TryParse(n, out var pid) ? pid : 0)
                    .Where(pid => pid > 0 && ProcessProbe.ReadComm(pid) == "sleep" && NetworkNamespace(pid) == node2Network).ToList()),
                pids => pids.Count == 1, TimeSpan.FromSeconds(10), "the detached sleep inside node 2", ct);
            var services = lab.Processes;
            Assert.Equal(2, services.Count(p => p.Name == ServiceNames.Sshd));

            await lab.DownAsync(ct);
            downDone = true;
            Assert.False(ProcessProbe.IsAlive(stray[0], "sleep"), "a process started inside a node survived down");
            Assert.All(services, p => Assert.False(ProcessProbe.IsAlive(p.Pid, p.Comm), $"{p.Name} on node {p.Node} survived down"));
            Assert.False(Directory.Exists(lab.RootDirectory));
        }
        finally
        {
            if (!downDone)
            {
                await lab.DownAsync(CancellationToken.None);
            }
        }
    }

    private static Task<CommandResult> CheckPasswordAsync(LabCluster lab, int node, string password, CancellationToken ct) =>
        lab.ExecAsync(node, ["sh", "-c", "printf '%s\\0' \"$1\" | /usr/sbin/unix_chkpwd root nonull", "sh", password], ct);

    /// <summary>The ED25519 host key fingerprint of a node (null: of the host itself).</summary>
    private static async Task<string> HostKeyAsync(LabCluster lab, int? node, CancellationToken ct)
    {
        string[] command = ["ssh-keygen", "-l", "-f", "/etc/ssh/ssh_host_ed25519_key.pub"];
        var result = node is { } n
            ? await lab.ExecCheckedAsync(n, command, ct)
            : await new CommandRunner(NullLogger.Instance).RunCheckedAsync(command, ct);
        return result.StandardOutput.Split(' ')[1];
    }

    private static string? NetworkNamespace(int pid)
    {
        try
        {
            return new FileInfo($"/proc/{pid}/ns/net").LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
