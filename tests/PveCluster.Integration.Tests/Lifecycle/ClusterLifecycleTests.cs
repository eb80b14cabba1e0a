using System.Text.RegularExpressions;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Pvecm;
using PveCluster.Lab;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// The cluster lifecycle on fresh hosts, run exactly as on real ones: `pvecm create`, `pvecm add` through
/// the first node's API (fingerprint pinned, root's password), refusals, `pvecm delnode`.
/// </summary>
public sealed partial class ClusterLifecycleTests : IClassFixture<StandaloneClusterFixture>
{
    private const string ClusterConf = "/etc/pve/corosync.conf";
    private const string LocalConf = "/etc/corosync/corosync.conf";

    private readonly StandaloneClusterFixture _fixture;

    public ClusterLifecycleTests(StandaloneClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private LabCluster Lab => _fixture.Lab;

    private PvecmRunner Pvecm => _fixture.Pvecm;

    [ClusterLifecycleFact]
    public async Task Create_and_two_joins_give_three_quorate_members_on_every_node_with_one_corosync_conf()
    {
        var views = await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.Nodes == 3, "3 members, quorate");
        foreach (var (node, view) in StandaloneClusterFixture.Members.Zip(views))
        {
            Assert.Equal((uint)node, view.NodeId);
            Assert.Equal(3, view.ExpectedVotes);
            Assert.Equal(2, view.Quorum);
            Assert.Equal(["n1", "n2", "n3"], view.Members.Select(m => m.Name).Order());
            Assert.All(view.Members, m => Assert.Equal(Lab.Addressing.Node((int)m.NodeId, 0).ToString(), m.Address));
        }
        Assert.Single(views.Select(v => v.RingId).Distinct());

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var clusterConf = await _fixture.ReadAsync(1, ClusterConf, timeout.Token);
        Assert.NotNull(clusterConf);
        Assert.Contains($"cluster_name: {StandaloneClusterFixture.ClusterName}", clusterConf, StringComparison.Ordinal);
        foreach (var node in StandaloneClusterFixture.Members)
        {
            // pmxcfs replicated /etc/pve/corosync.conf and each node runs corosync from the same text.
            Assert.Equal(clusterConf, await _fixture.ReadAsync(node, ClusterConf, timeout.Token));
            Assert.Equal(clusterConf, await _fixture.ReadAsync(node, LocalConf, timeout.Token));
            Assert.Equal(0, (await Lab.ExecAsync(node, [ServiceRunDirectory.ControlScript, "status", "corosync"], timeout.Token)).ExitCode);
        }
    }

    [ClusterLifecycleFact]
    public async Task Every_node_certificate_chains_to_the_one_cluster_ca_and_the_api_serves_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        var ca = await _fixture.ReadAsync(1, "/etc/pve/pve-root-ca.pem", ct);
        Assert.NotNull(ca);
        foreach (var node in StandaloneClusterFixture.Members)
        {
            Assert.Equal(ca, await _fixture.ReadAsync(node, "/etc/pve/pve-root-ca.pem", ct));
            var verify = await Lab.ExecAsync(node,
                ["openssl", "verify", "-CAfile", "/etc/pve/pve-root-ca.pem", $"/etc/pve/nodes/n{node}/pve-ssl.pem"], ct);
            Assert.True(verify.Succeeded, $"node {node}: {verify.StandardOutput}{verify.StandardError}");
            // The joined nodes' APIs were restarted with their new certificate: the cluster CA alone must vouch for it.
            using var api = new NodeApiClient(Lab.Addressing.Node(node, 0), ca);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await api.GetAsync("cluster/config/apiversion", ticket: null, ct)).Status);
            Assert.Equal(await _fixture.FingerprintAsync(node, ct), api.ServedFingerprint);
        }
    }

    [ClusterLifecycleFact]
    public async Task The_api_rejects_a_missing_ticket_a_wrong_password_and_a_missing_or_forged_csrf_token()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        var ca = await _fixture.ReadAsync(1, "/etc/pve/pve-root-ca.pem", ct);
        using var api = new NodeApiClient(Lab.Addressing.Node(2, 0), ca!);

        var anonymous = await api.GetAsync("cluster/status", ticket: null, ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.Status);

        var wrong = await api.LoginAsync("root@pam", "not the password", ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, wrong.Status);

        var login = await api.LoginAsync("root@pam", StandaloneClusterFixture.Password, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, login.Status);
        var (ticket, csrf) = NodeApiClient.TicketOf(login.Body);

        var status = await api.GetAsync("cluster/status", ticket, ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, status.Status);
        Assert.Contains($"\"name\":\"{StandaloneClusterFixture.ClusterName}\"", status.Body, StringComparison.Ordinal);

        // A state-changing call with a valid ticket but without, or with a forged, CSRF token is refused
        // before it reaches any endpoint: the cluster must stay as it is.
        var noToken = await api.PostAsync("cluster/config", ticket, csrf: null, ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, noToken.Status);
        Assert.Contains("CSRFPreventionToken", noToken.Body, StringComparison.Ordinal);
        var forged = await api.PostAsync("cluster/config", ticket, csrf + "x", ct);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, forged.Status);
        Assert.Contains("invalid CSRF token", forged.Body, StringComparison.Ordinal);
        await Pvecm.WaitForAsync([2], v => v.Quorate && v.Nodes == 3, "still 3 members");
    }

    [ClusterLifecycleFact]
    public async Task A_wrong_password_is_refused_and_nothing_changes_on_either_side()
    {
        await AssertRefusedJoinChangesNothingAsync(
            _fixture.JoinCommand(_fixture.Fingerprint, _fixture.WrongPasswordFile), "authentication failed");
    }

    [ClusterLifecycleFact]
    public async Task A_wrong_fingerprint_is_refused_and_nothing_changes_on_either_side()
    {
        // Same format, one byte different: a man in the middle, not a typo the parser catches.
        var last = _fixture.Fingerprint[^2..] == "00" ? "01" : "00";
        var wrong = _fixture.Fingerprint[..^2] + last;
        await AssertRefusedJoinChangesNothingAsync(_fixture.JoinCommand(wrong, _fixture.PasswordFile), "fingerprint mismatch");
    }

    [ClusterLifecycleFact]
    public async Task A_host_with_a_guest_config_is_refused_and_nothing_changes_on_either_side()
    {
        const int outsider = StandaloneClusterFixture.Outsider;
        var guest = $"/etc/pve/nodes/n{outsider}/qemu-server/100.conf";
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await _fixture.ExecOrFailAsync(outsider, ["sh", "-c", "printf 'memory: 512\\nname: guest100\\n' > \"$1\"", "sh", guest], timeout.Token);
        try
        {
            await AssertRefusedJoinChangesNothingAsync(_fixture.JoinCommand(_fixture.Fingerprint, _fixture.PasswordFile), "virtual guests");
            Assert.NotNull(await _fixture.ReadAsync(outsider, guest, timeout.Token));
        }
        finally
        {
            await Lab.ExecAsync(outsider, ["rm", "-f", guest], CancellationToken.None);
        }
    }

    [ClusterLifecycleFact]
    public async Task Delnode_of_a_powered_off_member_shrinks_expected_votes_everywhere()
    {
        const int leaver = StandaloneClusterFixture.Leaver;
        int[] remaining = [.. StandaloneClusterFixture.Members];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        await _fixture.ExecOrFailAsync(leaver, _fixture.JoinCommand(_fixture.Fingerprint, _fixture.PasswordFile), ct);
        await Pvecm.WaitForAsync([.. remaining, leaver], v => v.Quorate && v.Nodes == 4 && v.ExpectedVotes == 4, "4 members, expected 4");
        var versionWithLeaver = ConfigVersion(await _fixture.ReadAsync(1, ClusterConf, ct));

        // "Power off" the node: its daemons stop, the others see 3 of 4 votes and stay quorate.
        foreach (var service in new[] { ServiceNames.PveProxy, ServiceNames.PveDaemon, ServiceNames.PveCluster, ServiceNames.Corosync })
        {
            await Lab.StopServiceAsync(leaver, service, ct);
        }
        await Pvecm.WaitForAsync(remaining, v => v.Quorate && v.Nodes == 3 && v.ExpectedVotes == 4, "3 members left, expected still 4");

        await _fixture.ExecOrFailAsync(1, ["pvecm", "delnode", $"n{leaver}"], ct);
        var views = await Pvecm.WaitForAsync(remaining, v => v.Quorate && v.ExpectedVotes == 3, "expected votes back to 3");
        Assert.All(views, v => Assert.Equal(2, v.Quorum));
        foreach (var node in remaining)
        {
            var conf = await _fixture.ReadAsync(node, ClusterConf, ct);
            Assert.DoesNotContain($"n{leaver}", conf, StringComparison.Ordinal);
            Assert.True(ConfigVersion(conf) > versionWithLeaver, $"config_version did not grow on node {node}:\n{conf}");
        }
    }

    /// <summary>Runs a join on the outsider that must fail; nothing may change on it or on the cluster.</summary>
    private async Task AssertRefusedJoinChangesNothingAsync(string[] join, string reason)
    {
        const int outsider = StandaloneClusterFixture.Outsider;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.Nodes == 3, "3 members before the attempt");
        var clusterBefore = await _fixture.ReadAsync(1, ClusterConf, ct);
        var pmxcfsBefore = Lab.ServiceProcess(outsider, ServiceNames.PveCluster);
        var certificateBefore = await _fixture.FingerprintAsync(outsider, ct);

        var result = await Lab.ExecAsync(outsider, join, ct);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(reason, result.StandardError + result.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("nothing was changed", result.StandardError, StringComparison.OrdinalIgnoreCase);
        // The outsider: still a standalone host with the same pmxcfs and certificate.
        Assert.Null(await _fixture.ReadAsync(outsider, LocalConf, ct));
        Assert.Null(await _fixture.ReadAsync(outsider, "/etc/corosync/authkey", ct));
        Assert.Null(Lab.CorosyncProcess(outsider));
        Assert.Equal(pmxcfsBefore, Lab.ServiceProcess(outsider, ServiceNames.PveCluster));
        Assert.Equal(certificateBefore, await _fixture.FingerprintAsync(outsider, ct));
        // The cluster: same configuration, same members.
        Assert.Equal(clusterBefore, await _fixture.ReadAsync(1, ClusterConf, ct));
        await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.Nodes == 3 && v.ExpectedVotes == 3, "3 members after the attempt");
    }

    private static ulong ConfigVersion(string? conf)
    {
        var match = ConfigVersionPattern().Match(conf ?? "");
        Assert.True(match.Success, $"no config_version in:\n{conf}");
        return ulong.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"config_version:\s*(\d+)")]
    private static partial Regex ConfigVersionPattern();
}
