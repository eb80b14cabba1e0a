using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Quorum;

namespace PveCluster.Integration.Tests.Qdevice;

/// <summary>
/// `pvecm qdevice setup/remove` against the lab's real corosync-qnetd host, on a two-node cluster: the QDevice
/// lets one node carry on alone (quorate and /etc/pve writable), its loss leaves the cluster with its own
/// votes, remove restores the plain count, and a failure half-way through setup is rolled back.
/// Each test starts and ends without a QDevice.
/// </summary>
public sealed class TwoNodeQdeviceTests : IClassFixture<TwoNodeQdeviceLabFixture>, IDisposable
{
    private static readonly int[] BothNodes = [1, 2];

    /// <summary>The path where setup uploads the signing request to qnetd; a directory there makes the step after the CA fail.</summary>
    private const string RequestOnQnetd = "/tmp/qdevice-net-node.crq";

    private readonly QdeviceLab _qdevice;
    private readonly LabCluster _lab;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(6));

    public TwoNodeQdeviceTests(TwoNodeQdeviceLabFixture fixture)
    {
        _lab = fixture.Lab;
        _qdevice = new QdeviceLab(_lab);
    }

    private CancellationToken Token => _timeout.Token;

    public void Dispose() => _timeout.Dispose();

    [PvecmFact]
    public async Task A_setup_failing_after_the_ca_step_leaves_corosync_conf_unchanged_and_no_certificates()
    {
        var before = await _qdevice.ShAsync(1, $"cat {QdeviceLab.ConfInPve}", Token);
        await _lab.ExecCheckedAsync(Lab.Naming.LabNames.QnetdHost, ["mkdir", RequestOnQnetd], Token);
        try
        {
            var setup = await _qdevice.PvecmQdeviceAsync(Token, "setup", _qdevice.QnetdAddress);

            Assert.False(setup.Succeeded, setup.StandardOutput);
            Assert.Contains("rolled back", setup.StandardError, StringComparison.Ordinal);
            // The CA step ran (every node had a store) before the failure.
            Assert.Contains("node 'n2': initialising the QDevice certificate store", setup.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            await _lab.ExecAsync(Lab.Naming.LabNames.QnetdHost, ["rmdir", RequestOnQnetd], CancellationToken.None);
        }

        foreach (var node in BothNodes)
        {
            Assert.Equal(before.StandardOutput, (await _qdevice.ShAsync(node, $"cat {QdeviceLab.ConfInPve}", Token)).StandardOutput);
        }
        await _qdevice.AssertNoQdeviceStateAsync(Token);
        Assert.False((await _qdevice.ShAsync(1, "test -e /etc/pve/priv/qdevice-net", Token)).Succeeded, "the transfer copies stayed in /etc/pve");
    }

    [PvecmFact]
    public async Task With_a_qdevice_one_node_carries_on_alone_a_lost_qnetd_costs_only_its_vote_and_remove_restores_two_votes()
    {
        var setup = await _qdevice.PvecmQdeviceAsync(Token, "setup", _qdevice.QnetdAddress);
        Assert.True(setup.Succeeded, setup.StandardOutput + setup.StandardError);
        Assert.Contains("algorithm ffsplit", setup.StandardOutput, StringComparison.Ordinal);
        var conf = (await _qdevice.ShAsync(2, "cat /etc/corosync/corosync.conf", Token)).StandardOutput;
        Assert.Contains("model: net", conf, StringComparison.Ordinal);
        Assert.Contains($"host: {_qdevice.QnetdAddress}", conf, StringComparison.Ordinal);
        Assert.Contains("tls: on", conf, StringComparison.Ordinal);

        await _qdevice.WaitForAsync(BothNodes, HasVotingDevice(totalVotes: 3, members: 2), "quorate, 3 votes with the QDevice's", Token);
        await AssertPvecmStatusMatchesQuorumtoolAsync(1);
        var api = await _qdevice.ApiQdeviceStatusAsync(2, Token);
        Assert.Equal("Net", api["Model"]?.GetValue<string>());
        Assert.Equal("Fifty-Fifty split", api["Algorithm"]?.GetValue<string>());
        Assert.StartsWith(_qdevice.QnetdAddress, api["QNetd host"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Connected", api["State"]?.GetValue<string>());
        await AssertMembershipChangesRefusedAsync();

        // Node 2 gone (unreachable): ffsplit's tie-breaker (lowest node id) gives node 1 the device vote.
        await _lab.CutAsync(2, link: null, drop: false, Token);
        try
        {
            await _qdevice.WaitForAsync([1], HasVotingDevice(totalVotes: 2, members: 1), "n1 alone, quorate on the QDevice vote", Token);
            await _qdevice.WaitForAsync([2], v => v is { Quorate: false, NodeCount: 1 }, "n2 alone and inquorate", Token);
            await Polling.UntilAsync(ct => _qdevice.WritableAsync(1, ct), writable => writable, QdeviceLab.DecisionTimeout,
                "n1 (quorate with the QDevice) to accept writes to /etc/pve", Token);
            Assert.False(await _qdevice.WritableAsync(2, Token), "n2 (inquorate) accepted a write to /etc/pve");
            await AssertPvecmStatusMatchesQuorumtoolAsync(1);
        }
        finally
        {
            await _lab.HealAsync(2, link: null, CancellationToken.None);
        }
        await _qdevice.WaitForAsync(BothNodes, HasVotingDevice(totalVotes: 3, members: 2), "healed: 3 votes again", Token);

        // The arbiter's server fails: the nodes keep quorum with their own two votes and show the device as lost.
        await _lab.StopQnetdAsync(Token);
        try
        {
            var views = await _qdevice.WaitForAsync(BothNodes,
                v => v is { Quorate: true, TotalVotes: 2, ExpectedVotes: 3 } && v.Qdevice is { Votes: 0 }, "qnetd down: quorate on 2 votes", Token);
            Assert.All(views, v => Assert.Contains("Qdevice", v!.Flags));
            // The daemon runs but casts no vote: the device is lost to the cluster, not unconfigured.
            Assert.All(views, v => Assert.DoesNotContain("QdeviceCastVote", v!.Flags));
            await AssertPvecmStatusMatchesQuorumtoolAsync(2);
        }
        finally
        {
            await _lab.StartQnetdAsync(CancellationToken.None);
        }
        await _qdevice.WaitForAsync(BothNodes, HasVotingDevice(totalVotes: 3, members: 2), "qnetd back: 3 votes", Token);

        var remove = await _qdevice.PvecmQdeviceAsync(Token, "remove");
        Assert.True(remove.Succeeded, remove.StandardOutput + remove.StandardError);
        await _qdevice.WaitForAsync(BothNodes,
            v => v is { Quorate: true, TotalVotes: 2, ExpectedVotes: 2, Qdevice: null } && !v.Flags.Contains("Qdevice"), "plain 2 votes", Token);
        await _qdevice.AssertNoQdeviceStateAsync(Token);
        Assert.DoesNotContain("device", (await _qdevice.ShAsync(2, "cat /etc/corosync/corosync.conf", Token)).StandardOutput, StringComparison.Ordinal);
        await _qdevice.ShAsync(1, "rm -f /etc/pve/qdevice-probe", Token);
    }

    /// <summary>The admin guide: with a QDevice, nodes are neither added nor removed (remove it first); in pvecm and the API.</summary>
    private async Task AssertMembershipChangesRefusedAsync()
    {
        var confBefore = (await _qdevice.ShAsync(1, $"cat {QdeviceLab.ConfInPve}", Token)).StandardOutput;
        var third = _lab.Addressing.Node(3, 0).ToString();
        var pvecm = LabRequirements.PublishedPvecm()!;
        var add = await _lab.ExecAsync(1, [pvecm, "addnode", "n3", "--link0", third], Token);
        var delete = await _lab.ExecAsync(1, [pvecm, "delnode", "n2"], Token);
        foreach (var refused in new[] { add, delete })
        {
            Assert.False(refused.Succeeded, refused.StandardOutput);
            Assert.Contains("while a QDevice is configured", refused.StandardError + refused.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("pvecm qdevice remove", refused.StandardError + refused.StandardOutput, StringComparison.Ordinal);
        }

        var apiAdd = await _qdevice.ApiAsync(1, HttpMethod.Post, "cluster/config/nodes/n3",
            new Dictionary<string, string> { ["link0"] = third }, Token);
        var apiDelete = await _qdevice.ApiAsync(1, HttpMethod.Delete, "cluster/config/nodes/n2", new Dictionary<string, string>(), Token);
        foreach (var refused in new[] { apiAdd, apiDelete })
        {
            Assert.NotEqual(System.Net.HttpStatusCode.OK, refused.Status);
            Assert.Contains("while a QDevice is configured", refused.Body, StringComparison.Ordinal);
        }

        Assert.Equal(confBefore, (await _qdevice.ShAsync(1, $"cat {QdeviceLab.ConfInPve}", Token)).StandardOutput);
    }

    private static Func<QuorumToolStatus, bool> HasVotingDevice(int totalVotes, int members) =>
        v => v.Quorate && v.NodeCount == members && v.TotalVotes == totalVotes && v.ExpectedVotes == 3
            && v.Flags.Contains("Qdevice") && v.Qdevice is { Votes: 1 };

    /// <summary>`pvecm status` prints corosync-quorumtool -siH's figures: the same text after the cluster header (Date aside).</summary>
    private async Task AssertPvecmStatusMatchesQuorumtoolAsync(int node)
    {
        static string WithoutDate(string text) =>
            string.Join('\n', text.Split('\n').Where(line => !line.StartsWith("Date:", StringComparison.Ordinal)));

        var pvecm = LabRequirements.PublishedPvecm()!;
        // Two reads are a moment apart; a membership change in between is retried, a real difference is not.
        var (ours, theirs) = await Polling.UntilAsync(
            async ct =>
            {
                var status = (await _lab.ExecCheckedAsync(node, [pvecm, "status"], ct)).StandardOutput;
                var tool = (await _lab.ExecCheckedAsync(node, ["corosync-quorumtool", "-siH"], ct)).StandardOutput;
                var quorumPart = status[status.IndexOf("Quorum information", StringComparison.Ordinal)..];
                return (WithoutDate(quorumPart), WithoutDate(tool));
            },
            pair => pair.Item1 == pair.Item2, TimeSpan.FromSeconds(20), $"pvecm status on n{node} to equal corosync-quorumtool -siH", Token);
        Assert.Equal(theirs, ours);
        Assert.Contains("Qdevice", ours, StringComparison.Ordinal);
    }
}
