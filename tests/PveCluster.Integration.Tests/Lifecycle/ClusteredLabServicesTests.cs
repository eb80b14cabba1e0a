using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>A pre-clustered lab boots every node like a cluster member: pmxcfs, one CA, pvedaemon and pveproxy; `down` ends all of it.</summary>
public sealed class ClusteredLabServicesTests
{
    [ClusterLifecycleFact]
    public async Task Every_node_runs_pmxcfs_and_the_api_with_certificates_of_one_ca_and_down_ends_them()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = 3, TokenMs = LabClusterFixture.FastTokenMs, ArtifactsDirectory = LabRequirements.ArtifactsDirectory() },
            NullLogger.Instance, ct);
        var downDone = false;
        try
        {
            string? ca = null;
            foreach (var node in lab.Nodes)
            {
                foreach (var service in ServiceNames.BootedOnNodes)
                {
                    Assert.True(lab.ServiceProcess(node, service) is not null,
                        $"{service} does not run on node {node}: {DaemonLauncher.Tail(lab.ServiceLogPath(node, service))}");
                }
                var files = await lab.ExecCheckedAsync(node,
                    ["sh", "-c", "cat /etc/pve/pve-root-ca.pem; cmp /etc/pve/corosync.conf /etc/corosync/corosync.conf && echo same-conf"], ct);
                ca ??= files.StandardOutput;
                Assert.Equal(ca, files.StandardOutput);
                Assert.EndsWith("same-conf\n", files.StandardOutput, StringComparison.Ordinal);
                var verify = await lab.ExecAsync(node,
                    ["openssl", "verify", "-CAfile", "/etc/pve/pve-root-ca.pem", $"/etc/pve/nodes/n{node}/pve-ssl.pem"], ct);
                Assert.True(verify.Succeeded, $"node {node}: {verify.StandardOutput}{verify.StandardError}");
            }
            foreach (var node in lab.Nodes)
            {
                using var api = new NodeApiClient(lab.Addressing.Node(node, 0), ca![..(ca!.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)]);
                Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("cluster/status", ticket: null, ct)).Status);
            }

            var processes = lab.Processes;
            Assert.Equal(lab.Nodes.Count() * ServiceNames.BootedOnNodes.Count, processes.Count);
            await lab.DownAsync(ct);
            downDone = true;
            Assert.All(processes, p => Assert.False(ProcessProbe.IsAlive(p.Pid, p.Comm), $"{p.Name} on node {p.Node} survived down"));
            Assert.DoesNotContain(MountTable.MountPoints(), m => m.Contains(lab.RootDirectory, StringComparison.Ordinal));
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
}
