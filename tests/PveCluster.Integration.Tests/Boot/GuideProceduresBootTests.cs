using System.Globalization;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// The admin guide's procedures, typed as the guide writes them, on three booted Debian containers with the project's
/// .debs (systemd units, pvecm, pmxcfs): editing /etc/pve with <c>pmxcfs -l</c> on a node that lost quorum, and
/// "Separate a Node Without Reinstalling" followed by <c>pvecm delnode</c>. One booted cluster, steps in order.
/// </summary>
[Collection(BootTestGroup.Name)]
public sealed class GuideProceduresBootTests() : BootLabTest(3)
{
    private const string ClusterName = "guidetest";

    [BootFact]
    public async Task Pmxcfs_local_mode_recovery_and_separating_a_node_without_reinstalling_work_as_the_guide_writes_them()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
        var ct = timeout.Token;
        await BootShell.FormClusterAsync(Lab, ClusterName, ct);

        await RecoverWithLocalModeWithoutQuorumAsync(ct);
        await SeparateNodeWithoutReinstallingAsync(ct);
        await EditCorosyncConfAndRestartCorosyncAsync(ct);
    }

    /// <summary>
    /// n1 and n2 stop corosync: n3 has no quorum and /etc/pve is read-only. The admin edits it anyway with
    /// <c>pmxcfs -l</c>, then returns n3 to the cluster; once the others are back, the edit is the cluster's.
    /// </summary>
    private async Task RecoverWithLocalModeWithoutQuorumAsync(CancellationToken ct)
    {
        var (n1, n2, n3) = (Lab.Nodes[0], Lab.Nodes[1], Lab.Nodes[2]);
        var marker = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        await n1.ShCheckedAsync("systemctl stop corosync", ct);
        await n2.ShCheckedAsync("systemctl stop corosync", ct);
        await n3.UntilAsync("cat /etc/pve/.members", r => r.StandardOutput.Contains("\"quorate\": 0", StringComparison.Ordinal), "n3 inquorate in .members", ct);
        AssertRefused(await n3.ShAsync("echo x > /etc/pve/recovery-marker", ct), "a write on the inquorate n3");

        var corosyncPid = (await n3.ShCheckedAsync("systemctl show --property=MainPID --value corosync", ct)).Trim();
        var corosyncConf = await n3.ShCheckedAsync("sha256sum /etc/corosync/corosync.conf", ct);
        await n3.ShCheckedAsync("systemctl stop pve-cluster", ct);
        await n3.ShCheckedAsync("pmxcfs -l", ct);
        await n3.ShCheckedAsync($"echo {marker} > /etc/pve/recovery-marker && mkdir -p /etc/pve/nodes/n3/qemu-server && echo 'onboot: 0' > /etc/pve/nodes/n3/qemu-server/300.conf", ct);
        await n3.ShCheckedAsync("killall pmxcfs", ct);
        await n3.ShCheckedAsync("systemctl start pve-cluster", ct);

        // Local mode left corosync alone; back in cluster mode, n3 is read-only again but keeps the edit.
        Assert.Equal(corosyncPid, (await n3.ShCheckedAsync("systemctl show --property=MainPID --value corosync", ct)).Trim());
        Assert.Equal(corosyncConf, await n3.ShCheckedAsync("sha256sum /etc/corosync/corosync.conf", ct));
        Assert.Equal(marker, (await n3.ShCheckedAsync("cat /etc/pve/recovery-marker", ct)).Trim());
        AssertRefused(await n3.ShAsync("echo y > /etc/pve/recovery-marker", ct), "a write on n3 back in cluster mode without quorum");

        // n1 starts corosync; n2 restarts pve-cluster, which brings corosync up after pmxcfs, as at boot: pmxcfs mounts
        // read-only without corosync and joins by itself once it runs.
        await n1.ShCheckedAsync("systemctl start corosync", ct);
        await n2.ShCheckedAsync("systemctl restart pve-cluster", ct);
        await n2.UntilAsync("systemctl is-active pve-cluster corosync", r => r.StandardOutput == "active\nactive\n", "pve-cluster and corosync active", ct);
        Assert.Contains("corosync does not answer", await n2.ShCheckedAsync(
            "journalctl --output=cat --no-pager _SYSTEMD_INVOCATION_ID=$(systemctl show --property=InvocationID --value pve-cluster)", ct), StringComparison.Ordinal);
        foreach (var node in Lab.Nodes)
        {
            await node.UntilQuorateAsync(3, 3, ct);
            await node.UntilAsync("cat /etc/pve/recovery-marker /etc/pve/nodes/n3/qemu-server/300.conf",
                r => r.Succeeded && r.StandardOutput == $"{marker}\nonboot: 0\n", "n3's recovery edit in the cluster", ct);
            await node.UntilAsync($"echo {node.Name} > /etc/pve/back-{node.Name}", r => r.Succeeded, "/etc/pve writable again", ct);
        }
    }

    /// <summary>The guide's commands on n3, then <c>pvecm delnode n3</c> on n1.</summary>
    private async Task SeparateNodeWithoutReinstallingAsync(CancellationToken ct)
    {
        var (n1, n2, n3) = (Lab.Nodes[0], Lab.Nodes[1], Lab.Nodes[2]);
        await n3.ShCheckedAsync("systemctl stop pve-cluster", ct);
        await n3.ShCheckedAsync("systemctl stop corosync", ct);
        await n3.ShCheckedAsync("pmxcfs -l", ct);
        await n3.ShCheckedAsync("rm /etc/pve/corosync.conf", ct);
        await n3.ShCheckedAsync("rm -r /etc/corosync/*", ct);
        await n3.ShCheckedAsync("killall pmxcfs", ct);
        await n3.ShCheckedAsync("systemctl start pve-cluster", ct);

        await n1.UntilQuorateAsync(2, 3, ct);
        await n1.ShCheckedAsync("pvecm delnode n3", ct);
        // "delete all remaining files left from the old cluster"
        await n3.ShCheckedAsync("rm -f /var/lib/corosync/*", ct);

        // n3 stands alone: local mode, writable, no corosync (its unit is skipped without a corosync.conf).
        Assert.Equal("active", (await n3.ShCheckedAsync("systemctl is-active pve-cluster", ct)).Trim());
        Assert.Contains("local mode", await n3.ShCheckedAsync("journalctl -u pve-cluster --output=cat --no-pager -n 50", ct), StringComparison.Ordinal);
        await n3.ShCheckedAsync("echo standalone > /etc/pve/standalone && cat /etc/pve/standalone", ct);
        Assert.Equal("inactive", (await n3.ShAsync("systemctl is-active corosync", ct)).StandardOutput.Trim());
        Assert.False((await n3.ShAsync("pgrep -x corosync", ct)).Succeeded, "corosync runs on the separated n3");
        Assert.False((await n3.ShAsync("test -e /etc/corosync/corosync.conf", ct)).Succeeded, "the separated n3 has a corosync.conf again");
        await n3.ShCheckedAsync("systemctl restart pve-cluster && test -f /etc/pve/standalone", ct);

        // The remaining two: quorate on their own, n3 gone from the configuration and the member list.
        foreach (var node in new[] { n1, n2 })
        {
            await node.UntilQuorateAsync(2, 2, ct);
            await node.UntilAsync("cat /etc/pve/corosync.conf /etc/corosync/corosync.conf",
                r => r.Succeeded && !r.StandardOutput.Contains("name: n3", StringComparison.Ordinal) && r.StandardOutput.Contains("name: n2", StringComparison.Ordinal),
                "n3 gone from both corosync.conf copies", ct);
            await node.UntilAsync("cat /etc/pve/.members",
                r => r.StandardOutput.Contains("\"quorate\": 1", StringComparison.Ordinal) && !r.StandardOutput.Contains("\"n3\"", StringComparison.Ordinal),
                "n3 gone from .members", ct);
            await node.ShCheckedAsync($"echo after-delnode > /etc/pve/after-delnode-{node.Name}", ct);
        }
    }

    /// <summary>
    /// The guide's "Edit corosync.conf": copy, edit with a config_version bump, move over the original; pmxcfs installs
    /// it on every node; then <c>systemctl restart corosync</c>. pmxcfs keeps running and reconnects to the new corosync.
    /// </summary>
    private async Task EditCorosyncConfAndRestartCorosyncAsync(CancellationToken ct)
    {
        var remaining = Lab.Nodes.Take(2).ToList();
        var pmxcfsPids = new List<string>();
        foreach (var node in remaining)
            pmxcfsPids.Add((await node.ShCheckedAsync("systemctl show --property=MainPID --value pve-cluster", ct)).Trim());
        var version = int.Parse((await remaining[0].ShCheckedAsync("awk '/config_version:/ { print $2 }' /etc/pve/corosync.conf", ct)).Trim(), CultureInfo.InvariantCulture);

        await remaining[0].ShCheckedAsync("cp /etc/pve/corosync.conf /etc/pve/corosync.conf.new", ct);
        await remaining[0].ShCheckedAsync(
            $"sed -e 's/config_version: {version}$/config_version: {version + 1}/' -e 's/^totem {{$/totem {{\\n  token_coefficient: 700/' /etc/pve/corosync.conf.new > /root/edited && cat /root/edited > /etc/pve/corosync.conf.new", ct);
        await remaining[0].ShCheckedAsync("mv /etc/pve/corosync.conf.new /etc/pve/corosync.conf", ct);

        for (var i = 0; i < remaining.Count; i++)
        {
            var node = remaining[i];
            await node.UntilAsync("cat /etc/corosync/corosync.conf",
                r => r.StandardOutput.Contains($"config_version: {version + 1}\n", StringComparison.Ordinal)
                    && r.StandardOutput.Contains("token_coefficient: 700", StringComparison.Ordinal),
                "the edited corosync.conf installed by pmxcfs", ct);
            await node.ShCheckedAsync("systemctl restart corosync", ct);
        }
        for (var i = 0; i < remaining.Count; i++)
        {
            var node = remaining[i];
            await node.UntilQuorateAsync(2, 2, ct);
            Assert.Contains("= 700", await node.ShCheckedAsync("corosync-cmapctl -g totem.token_coefficient", ct), StringComparison.Ordinal);
            Assert.Equal(pmxcfsPids[i], (await node.ShCheckedAsync("systemctl show --property=MainPID --value pve-cluster", ct)).Trim());
            await node.UntilAsync($"echo restarted > /etc/pve/after-corosync-restart-{node.Name}", r => r.Succeeded, "/etc/pve writable after the corosync restart", ct);
        }
    }

    private static void AssertRefused(PveCluster.Lab.Processes.CommandResult result, string what)
    {
        Assert.False(result.Succeeded, $"{what} succeeded");
        Assert.Contains("Permission denied", result.StandardError, StringComparison.Ordinal);
    }
}
