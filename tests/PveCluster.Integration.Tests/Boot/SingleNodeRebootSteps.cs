using System.Globalization;
using PveCluster.Lab;
using static PveCluster.Integration.Tests.Boot.ColdStartBootTests;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// A single-node reboot on the booted cluster of <see cref="ColdStartBootTests"/> (after its cold start, n1's onboot
/// guests 102, 101 and 103 run): n1 powers off while n2 and n3 stay up. Its pve-guests.service shuts the guests down in
/// reverse startup order with their <c>down</c> timeouts during the power off; the two others stay quorate; n1 boots
/// again, rejoins with the /etc/pve changes made while it was away and starts its guests again after quorum, in order.
/// </summary>
internal static class SingleNodeRebootSteps
{
    public static async Task RunAsync(BootLab lab, CancellationToken ct)
    {
        var (n1, n2, n3) = (lab.Nodes[0], lab.Nodes[1], lab.Nodes[2]);
        var startsBefore = (await RecordAsync(n1, ct)).Count;

        await n1.PowerOffAsync(ct);
        // Reverse order: 103 has no order (first), then order 2 (101, down=20), then order 1 (102, a container: 60 s).
        var shutdowns = (await ReadRecordAsync(n1, ct)).Where(e => e.Action == "shutdown").ToList();
        Assert.Equal(
            ["shutdown 103 --timeout 180 --forceStop 1", "shutdown 101 --timeout 20 --forceStop 1", "shutdown 102 --timeout 60 --forceStop 1"],
            shutdowns.Select(Describe));

        await WaitForQuorumAsync([n2, n3], 3, ct, expectedMembers: 2);
        var marker = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        await n2.ExecCheckedAsync(["sh", "-c", $"echo {marker} > /etc/pve/while-n1-was-off"], ct);

        await n1.BootAsync(BootLab.BootTimeout, ct);
        await WaitForQuorumAsync(lab.Nodes, 3, ct);
        await WaitForAsync(n1, ["systemctl", "is-active", "pve-guests"], "active", ct);
        await WaitForAsync(n1, ["cat", "/etc/pve/while-n1-was-off"], marker, ct);
        var expectedTree = await PveTreeAsync(n2, ct);
        foreach (var node in new[] { n1, n3 })
        {
            await Polling.UntilAsync(token => PveTreeAsync(node, token), tree => tree == expectedTree, TimeSpan.FromMinutes(1),
                $"{node.Name}: /etc/pve identical to n2's", ct);
        }

        var startsAfter = (await RecordAsync(n1, ct)).Skip(startsBefore).ToList();
        Assert.Equal([102u, 101, 103], startsAfter.Select(s => s.VmId));
        Assert.All(startsAfter, s => Assert.Equal("quorate=1", s.Rest));
        Assert.True(startsAfter[0].Milliseconds > shutdowns[^1].Milliseconds, "the guests start again after the reboot");
    }

    /// <summary>Every cluster file of /etc/pve with its checksum (pmxcfs's virtual dot files and the local/ links left out).</summary>
    private static async Task<string> PveTreeAsync(BootContainer node, CancellationToken ct) =>
        (await node.ExecCheckedAsync(
            ["sh", "-c", "cd /etc/pve && find . -name '.?*' -prune -o -type f -print0 | sort -z | xargs -0 sha256sum"], ct)).Trim();
}
