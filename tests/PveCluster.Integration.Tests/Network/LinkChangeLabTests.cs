using System.Globalization;
using PveCluster.Core.CorosyncConf;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Network;

/// <summary>
/// `pvecm link add|set|remove` on a live three-node cluster: a link added through a host name and live, failover
/// onto it without a membership change, priorities deciding the active link (the HIGHEST number), a readdress
/// the preflight refuses, the same one forced and rolled back by the watch. One lab, one ordered story, because
/// every step starts from the state the previous one left.
/// </summary>
[Collection(LinkLabFixture.Collection)]
public sealed class LinkChangeLabTests(LinkLabFixture fixture)
{
    private const int Operator = 1;
    private const int Readdressed = 3;
    private static readonly TimeSpan Observation = TimeSpan.FromSeconds(8);

    private LabCluster Lab => fixture.Lab;

    [LabFact]
    public async Task Links_change_live_checked_watched_and_rolled_back()
    {
        var ct = CancellationToken.None;
        await ClusterWait.ForWholeClusterAsync(Lab, ct);

        // A host name for n3's second address, known only on the operator node: the IP must be what is stored.
        await fixture.ExecOrFailAsync(Operator, ["sh", "-c", $"echo '{fixture.Address(3, 1)} n3-ring1' >> /etc/hosts"], ct);
        var add = await PvecmAsync(
            "link", "add", "1", "--node", $"n1={fixture.Address(1, 1)}", "--node", $"n2={fixture.Address(2, 1)}", "--node", "n3=n3-ring1",
            "--grace", "6");
        AssertSucceeded(add);
        Assert.Contains("host name 'n3-ring1' resolved to " + fixture.Address(3, 1), add.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("+    ring1_addr: " + fixture.Address(3, 1), add.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Network preflight", add.StandardOutput, StringComparison.Ordinal);
        var config = await ClusterConfAsync();
        Assert.Equal(fixture.Address(3, 1), config.FindNode("n3")!.GetLinkAddress(1));
        Assert.DoesNotContain("n3-ring1", config.Write(), StringComparison.Ordinal);

        // Cutting link0 of n3 is now a knet failover: the ring stays as it is.
        await CutLink0WithoutMembershipChangeAsync(ct);

        // Priorities: link1 with the higher number takes the traffic, then link0 again when it gets the higher one.
        AssertSucceeded(await PvecmAsync("link", "set", "1", "--priority", "50", "--grace", "3"));
        await WaitForTrafficOnAsync(expected: 1, ct);
        AssertSucceeded(await PvecmAsync("link", "set", "0", "--priority", "80", "--grace", "3"));
        await WaitForTrafficOnAsync(expected: 0, ct);

        // n3 readdressed to an address it has but that does not answer (dropped): the preflight refuses, nothing changes.
        var silent = $"198.19.{Lab.Addressing.SubnetIndex}.98";
        await fixture.ExecOrFailAsync(Readdressed, ["ip", "addr", "add", $"{silent}/24", "dev", "eth1"], ct);
        await fixture.ExecOrFailAsync(Readdressed, ["iptables", "-I", "INPUT", "-d", silent, "-j", "DROP"], ct);
        var versionBefore = (await ClusterConfAsync()).Totem!.ConfigVersion!.Value;
        var refused = await PvecmAsync("link", "set", "1", "--node", $"n3={silent}");
        Assert.False(refused.Succeeded, refused.StandardOutput);
        Assert.Contains("network preflight refused", refused.StandardError, StringComparison.Ordinal);
        Assert.Contains($"-> {silent} ('n3'): no answer", refused.StandardError, StringComparison.Ordinal);
        Assert.Equal(versionBefore, (await ClusterConfAsync()).Totem!.ConfigVersion);

        // Forced through: the new link1 address of n3 never answers. Either corosync refuses the reload (corosync 3.1 does
        // not readdress the local node of a running link) or link1 to n3 never connects; either way the previous
        // configuration is written back before the grace period ends.
        CommandResult forced;
        try
        {
            forced = await PvecmAsync("link", "set", "1", "--node", $"n3={silent}", "--skip-preflight", "--grace", "10");
        }
        finally
        {
            await fixture.ExecOrFailAsync(Readdressed, ["iptables", "-D", "INPUT", "-d", silent, "-j", "DROP"], ct);
            await fixture.ExecOrFailAsync(Readdressed, ["ip", "addr", "del", $"{silent}/24", "dev", "eth1"], ct);
        }

        Assert.False(forced.Succeeded, forced.StandardOutput);
        Assert.True(
            forced.StandardError.Contains("the link change was rolled back: corosync refused to reload", StringComparison.Ordinal)
            || forced.StandardError.Contains("the link change was rolled back: not connected: link 1 to node id 3", StringComparison.Ordinal),
            forced.StandardOutput + forced.StandardError);
        Assert.Contains("is quorate", forced.StandardError, StringComparison.Ordinal);
        var restored = await ClusterConfAsync();
        Assert.Equal(fixture.Address(3, 1), restored.FindNode("n3")!.GetLinkAddress(1));
        Assert.Equal(versionBefore + 2, restored.Totem!.ConfigVersion);
        await ClusterWait.ForWholeClusterAsync(Lab, ct);
        await Polling.UntilAsync(ct2 => Lab.KnetLinksAsync(Operator, ct2), view => view.IsConnected(1, Readdressed),
            ClusterWait.ChangeTimeout, "link1 to n3 to be connected again after the rollback", ct);

        // Removal, then the same link back from a CIDR: every node's own address in it.
        AssertSucceeded(await PvecmAsync("link", "remove", "1", "--grace", "3"));
        Assert.Null((await ClusterConfAsync()).FindNode("n2")!.GetLinkAddress(1));
        Assert.Contains("is the only link", (await PvecmAsync("link", "remove", "0", "--grace", "3")).StandardError, StringComparison.Ordinal);
        AssertSucceeded(await PvecmAsync("link", "add", "1", "--network", Lab.Addressing.Subnet(1), "--grace", "6"));
        Assert.Equal(fixture.Address(2, 1), (await ClusterConfAsync()).FindNode("n2")!.GetLinkAddress(1));
        await ClusterWait.ForWholeClusterAsync(Lab, ct);
    }

    private async Task CutLink0WithoutMembershipChangeAsync(CancellationToken ct)
    {
        var ring = (await ClusterWait.ForWholeClusterAsync(Lab, ct))[0]!.RingId;
        await Lab.CutAsync(Readdressed, 0, drop: false, ct);
        try
        {
            await Polling.UntilAsync(ct2 => Lab.KnetLinksAsync(Operator, ct2),
                view => !view.IsConnected(0, Readdressed) && view.IsConnected(1, Readdressed),
                ClusterWait.ChangeTimeout, "knet to lose n3 on link0 only", ct);
            var until = DateTime.UtcNow + Observation;
            while (DateTime.UtcNow < until)
            {
                var views = await ClusterWait.ViewsAsync(Lab, Lab.Nodes, ct);
                Assert.True(views.All(v => v is { Quorate: true, NodeCount: 3 } && v.RingId == ring),
                    $"membership changed after cutting link0 of n3 (ring was {ring}):\n{string.Join("\n", views)}\n{LabDiagnostics.CorosyncLogTails(Lab)}");
                await Task.Delay(Polling.DefaultInterval, ct);
            }
        }
        finally
        {
            await Lab.HealAsync(Readdressed, 0, ct);
        }

        await Polling.UntilAsync(ct2 => Lab.KnetLinksAsync(Operator, ct2), view => view.IsConnected(0, Readdressed),
            ClusterWait.ChangeTimeout, "link0 to n3 to come back", ct);
    }

    /// <summary>knet's per-link data counters on the operator node: only the preferred link's to n2 keep growing.</summary>
    private async Task WaitForTrafficOnAsync(int expected, CancellationToken ct)
    {
        var other = 1 - expected;
        await Polling.UntilAsync(
            async ct2 =>
            {
                var first = await DataPacketsAsync(ct2);
                await Task.Delay(TimeSpan.FromSeconds(2), ct2);
                var second = await DataPacketsAsync(ct2);
                return (Expected: second[expected] - first[expected], Other: second[other] - first[other]);
            },
            delta => delta.Expected > 0 && delta.Other == 0,
            ClusterWait.ChangeTimeout, $"corosync data to flow on link{expected} only", ct);
    }

    private async Task<long[]> DataPacketsAsync(CancellationToken ct)
    {
        var counts = new long[2];
        for (var link = 0; link < 2; link++)
        {
            var result = await fixture.ExecOrFailAsync(Operator, ["corosync-cmapctl", "-m", "stats", $"stats.knet.node2.link{link}.tx_data_packets"], ct);
            var text = result.StandardOutput.Trim();
            counts[link] = long.Parse(text[(text.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }

        return counts;
    }

    private Task<CommandResult> PvecmAsync(params string[] arguments) => Lab.ExecAsync(Operator, ["pvecm", .. arguments], CancellationToken.None);

    private async Task<CorosyncConfig> ClusterConfAsync() =>
        CorosyncConfig.Parse((await fixture.ExecOrFailAsync(Operator, ["cat", "/etc/pve/corosync.conf"], CancellationToken.None)).StandardOutput);

    private static void AssertSucceeded(CommandResult result) =>
        Assert.True(result.Succeeded, $"{result.Command} exited {result.ExitCode}\n{result.StandardOutput}\n{result.StandardError}");
}
