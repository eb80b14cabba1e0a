using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// The admin guide's "Separate a Node Without Reinstalling": on the node, stop the cluster stack,
/// drop every corosync file and the cluster's corosync.conf, start pmxcfs again (now local);
/// on a remaining member, `pvecm delnode`. The node keeps working alone and the cluster shrinks.
/// </summary>
public sealed class SeparateNodeTests
{
    private const string SeparateN3 =
        "set -e; sc=$PVE_SERVICE_CONTROL; " +
        "$sc stop pve-cluster; $sc stop corosync; " +
        "rm -f /etc/corosync/*; " +
        "$sc start pve-cluster; " +           // no corosync.conf any more: pmxcfs comes up in local mode
        "rm /etc/pve/corosync.conf; " +
        "$sc restart pve-cluster";

    [ClusterLifecycleFact]
    public async Task A_separated_node_works_alone_and_delnode_shrinks_the_cluster()
    {
        LabRequirements.ThrowIfRequiredAndMissing(needsPveStack: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var lab = await LabCluster.CreateAsync(
            new LabOptions { NodeCount = 3, TokenMs = LabClusterFixture.FastTokenMs, ArtifactsDirectory = LabRequirements.ArtifactsDirectory() },
            NullLogger.Instance, ct);
        try
        {
            await lab.ExecCheckedAsync(3, ["sh", "-c", SeparateN3], ct);

            var delnode = await lab.ExecAsync(1, ["pvecm", "delnode", "n3"], ct);
            Assert.True(delnode.Succeeded, $"pvecm delnode n3 failed: {delnode.StandardOutput}{delnode.StandardError}");

            foreach (var node in new[] { 1, 2 })
            {
                var status = await Polling.UntilAsync(
                    innerCt => lab.QuorumStatusAsync(node, innerCt),
                    s => s is { Quorate: true, NodeCount: 2, ExpectedVotes: 2 },
                    TimeSpan.FromSeconds(60),
                    $"n{node} to be quorate with 2 nodes and 2 expected votes",
                    ct);
                Assert.NotNull(status);
                var conf = await lab.ExecCheckedAsync(node, ["cat", "/etc/corosync/corosync.conf"], ct);
                Assert.DoesNotContain("name: n3", conf.StandardOutput, StringComparison.Ordinal);
            }

            // n3 is standalone now: no corosync, no cluster config, and its /etc/pve is writable locally only.
            var corosync = await lab.ExecAsync(3, ["sh", "-c", "$PVE_SERVICE_CONTROL status corosync"], ct);
            Assert.False(corosync.Succeeded, "corosync still runs on the separated node");
            await lab.ExecCheckedAsync(3, ["sh", "-c", "test ! -e /etc/pve/corosync.conf && test ! -e /etc/corosync/corosync.conf"], ct);
            await lab.ExecCheckedAsync(3, ["sh", "-c", "printf 'alone\\n' > /etc/pve/separated-marker && cat /etc/pve/separated-marker"], ct);
            await lab.ExecCheckedAsync(1, ["sh", "-c", "printf 'cluster\\n' > /etc/pve/cluster-marker"], ct);
            // Once the cluster has replicated its marker to n2, a (wrong) copy to n3 would have had its chance too;
            // n3's own marker could only travel through a corosync it no longer runs (asserted above).
            await Polling.UntilAsync(
                async innerCt => (await lab.ExecAsync(2, ["test", "-e", "/etc/pve/cluster-marker"], innerCt)).Succeeded,
                replicated => replicated, TimeSpan.FromSeconds(60), "the cluster marker to replicate to n2", ct);
            var onN1 = await lab.ExecAsync(1, ["test", "-e", "/etc/pve/separated-marker"], ct);
            var onN3 = await lab.ExecAsync(3, ["test", "-e", "/etc/pve/cluster-marker"], ct);
            Assert.False(onN1.Succeeded, "a file written on the separated node reached the cluster");
            Assert.False(onN3.Succeeded, "a file written in the cluster reached the separated node");
        }
        finally
        {
            await lab.DownAsync(CancellationToken.None);
        }
    }
}
