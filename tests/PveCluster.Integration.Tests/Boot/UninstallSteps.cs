using static PveCluster.Integration.Tests.Boot.ColdStartBootTests;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// Uninstalling the packages from a cluster node (n3 of <see cref="ColdStartBootTests"/>'s cluster), as an admin would:
/// <c>dpkg --remove</c> stops every daemon of ours and unmounts /etc/pve, masks the units and keeps the node's data
/// (/var/lib/pve-cluster); installing again brings the node back into the cluster with that data; <c>dpkg --purge</c>
/// then also removes the units' links and what the maintainer scripts created. Debian's own packages (corosync) and
/// accounts (www-data, from base-passwd) are not ours and stay.
/// </summary>
internal static class UninstallSteps
{
    private static readonly string[] Units = ["pve-cluster.service", "pvedaemon.service", "pveproxy.service", "pve-guests.service"];

    /// <summary>What the packages' postinst scripts create (besides the files dpkg itself tracks).</summary>
    private static readonly string[] MaintainerScriptPaths = ["var/lib/pve-cluster", "etc/pve", "var/log/pve", "run/pvedaemon"];

    public static async Task RunAsync(BootLab lab, CancellationToken ct)
    {
        var node = lab.Nodes[2];
        var removeOrder = BootLab.Packages.Reverse().ToArray();

        await node.ExecCheckedAsync(["dpkg", "--remove", .. removeOrder], ct);
        await AssertNothingOfOursRunsAsync(node, ct);
        foreach (var unit in Units)
        {
            Assert.False(File.Exists(Path.Combine(node.Root, "lib/systemd/system", unit)), $"{unit}: the unit file stays after dpkg --remove");
            Assert.Equal("/dev/null", MaskTarget(node, unit));
        }
        Assert.True(File.Exists(Path.Combine(node.Root, "var/lib/pve-cluster/config.db")), "dpkg --remove keeps the node's database");

        // Installed again: the maintainer scripts run over what the remove left; the node is back with its data.
        await node.ExecCheckedAsync(["sh", "-c", "dpkg --install /root/debs/*.deb"], ct);
        await WaitForAsync(node, ["systemctl", "is-active", "pve-cluster", "pvedaemon", "pveproxy"], "active\nactive\nactive", ct);
        Assert.Equal("enabled", (await node.ExecCheckedAsync(["systemctl", "is-enabled", "pve-guests.service"], ct)).Trim());
        await WaitForQuorumAsync(lab.Nodes, 3, ct);
        await WaitForAsync(node, ["cat", "/etc/pve/while-n1-was-off"], (await lab.Nodes[0].ExecCheckedAsync(["cat", "/etc/pve/while-n1-was-off"], ct)).Trim(), ct);

        await node.ExecCheckedAsync(["dpkg", "--purge", .. removeOrder], ct);
        await AssertNothingOfOursRunsAsync(node, ct);
        foreach (var package in BootLab.Packages)
        {
            var status = await node.ExecAsync(["dpkg-query", "--show", "--showformat=${db:Status-Status}", package], ct);
            Assert.True(status.ExitCode != 0 || status.StandardOutput.Trim() == "not-installed", $"{package}: {status.StandardOutput}");
        }
        foreach (var path in MaintainerScriptPaths)
            Assert.False(Path.Exists(Path.Combine(node.Root, path)), $"/{path} stays after dpkg --purge");
        var links = await node.ExecCheckedAsync(
            ["find", "/etc/systemd/system", "(", "-name", "pve-cluster.service", "-o", "-name", "pvedaemon.service", "-o", "-name", "pveproxy.service",
             "-o", "-name", "pve-guests.service", ")"], ct);
        Assert.True(links.Trim().Length == 0, $"unit links stay after dpkg --purge: {links}");
        Assert.Contains("www-data", await node.ExecCheckedAsync(["getent", "passwd", "www-data"], ct), StringComparison.Ordinal);

        // The two others keep the cluster's quorum and data (the purged node's corosync, Debian's, still votes).
        await WaitForQuorumAsync(lab.Nodes.Take(2), 3, ct);
    }

    private static async Task AssertNothingOfOursRunsAsync(BootContainer node, CancellationToken ct)
    {
        // dpkg has returned: the prerm scripts' stop jobs are done, nothing is left to wait for.
        var processes = await node.ExecAsync(["pgrep", "--list-full", "^(pmxcfs|pveproxy|pvedaemon|pve-guests)$"], ct);
        Assert.True(processes.ExitCode == 1, $"{node.Name}: still running: {processes.StandardOutput}");
        Assert.DoesNotContain(" /etc/pve ", await node.ExecCheckedAsync(["cat", "/proc/mounts"], ct), StringComparison.Ordinal);
        Assert.Equal(
            "inactive\ninactive\ninactive",
            (await node.ExecAsync(["systemctl", "is-active", "pve-cluster", "pvedaemon", "pveproxy"], ct)).StandardOutput.Trim());
    }

    /// <summary>Where /etc/systemd/system/UNIT points (a mask points to /dev/null); null when there is no such link.</summary>
    private static string? MaskTarget(BootContainer node, string unit) =>
        new FileInfo(Path.Combine(node.Root, "etc/systemd/system", unit)).LinkTarget;
}
