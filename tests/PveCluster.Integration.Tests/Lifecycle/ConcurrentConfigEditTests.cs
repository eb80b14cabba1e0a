using System.Net;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Pvecm;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// Edits of /etc/pve/corosync.conf through different members at once, on real pmxcfs and corosync: the pmxcfs
/// cluster lock (priv/lock/file-corosync_conf) must keep every accepted change, refuse cleanly while another
/// holder keeps it, and take over a lock left behind by a holder that died.
/// </summary>
public sealed class ConcurrentConfigEditTests : IClassFixture<StandaloneClusterFixture>
{
    private const string ClusterConf = "/etc/pve/corosync.conf";
    private const string LockPath = "/etc/pve/priv/lock/file-corosync_conf";

    private readonly StandaloneClusterFixture _fixture;

    public ConcurrentConfigEditTests(StandaloneClusterFixture fixture)
    {
        _fixture = fixture;
    }

    private LabCluster Lab => _fixture.Lab;

    private PvecmRunner Pvecm => _fixture.Pvecm;

    [ClusterLifecycleFact]
    public async Task Two_members_adding_nodes_at_the_same_moment_keep_both_or_refuse_one_cleanly()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var (first, firstLogin) = await ConnectAsync(1, ct);
        var (second, secondLogin) = await ConnectAsync(2, ct);
        using var disposeFirst = first;
        using var disposeSecond = second;
        var logins = new[] { firstLogin, secondLogin };
        string[] phantoms = ["phantom41", "phantom42"];

        // Nodes that never come up: enough for corosync.conf, and the 3 real members stay quorate (3 of 5 votes).
        var answers = await Task.WhenAll(
            first.SendFormAsync(HttpMethod.Post, $"cluster/config/nodes/{phantoms[0]}", logins[0], Link(41), ct),
            second.SendFormAsync(HttpMethod.Post, $"cluster/config/nodes/{phantoms[1]}", logins[1], Link(42), ct));
        var added = phantoms.Where((_, i) => answers[i].Status == HttpStatusCode.OK).ToList();
        try
        {
            for (var i = 0; i < answers.Length; i++)
            {
                Assert.True(
                    answers[i].Status == HttpStatusCode.OK
                    || (answers[i].Status == HttpStatusCode.ServiceUnavailable && answers[i].Body.Contains("cluster config is locked by", StringComparison.Ordinal)),
                    $"{phantoms[i]}: {answers[i].Status} {answers[i].Body}");
            }

            Assert.NotEmpty(added);
            foreach (var node in StandaloneClusterFixture.Members)
            {
                var conf = await WaitForConfAsync(node, c => added.All(p => c.Contains($"name: {p}", StringComparison.Ordinal)), ct);
                Assert.All(phantoms.Except(added), p => Assert.DoesNotContain($"name: {p}", conf, StringComparison.Ordinal));
            }

            Assert.Equal("", (await _fixture.ExecOrFailAsync(1, ["ls", "-A", "/etc/pve/priv/lock"], ct)).StandardOutput.Trim());
        }
        finally
        {
            foreach (var phantom in added)
            {
                var removed = await first.SendFormAsync(HttpMethod.Delete, $"cluster/config/nodes/{phantom}", logins[0], new Dictionary<string, string>(), ct);
                Assert.True(removed.Status == HttpStatusCode.OK, $"delete {phantom}: {removed.Status} {removed.Body}");
            }

            await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.ExpectedVotes == 3, "back to 3 expected votes");
        }
    }

    [ClusterLifecycleFact]
    public async Task A_held_lock_refuses_an_edit_with_its_holder_and_a_stale_one_is_taken_over()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var (api, login) = await ConnectAsync(1, ct);
        using var disposeApi = api;
        var before = await _fixture.ReadAsync(1, ClusterConf, ct);

        // n3 holds the lock (a directory made through its own pmxcfs): n1's edit waits, then is refused.
        await _fixture.ExecOrFailAsync(3, ["mkdir", "-p", LockPath], ct);
        try
        {
            var refused = await api.SendFormAsync(HttpMethod.Post, "cluster/config/nodes/phantom43", login, Link(43), ct);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
            Assert.Contains("cluster config is locked by an unknown holder (since ", refused.Body, StringComparison.Ordinal);
            Assert.Equal(before, await _fixture.ReadAsync(1, ClusterConf, ct));

            // The holder died long ago: a lock older than its 120 s lifetime is taken over.
            await _fixture.ExecOrFailAsync(3, ["touch", "-m", "-d", "@" + DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), LockPath], ct);
            var added = await api.SendFormAsync(HttpMethod.Post, "cluster/config/nodes/phantom43", login, Link(43), ct);
            Assert.True(added.Status == HttpStatusCode.OK, $"{added.Status} {added.Body}");
            await WaitForConfAsync(3, c => c.Contains("name: phantom43", StringComparison.Ordinal), ct);
            Assert.Equal("", (await _fixture.ExecOrFailAsync(3, ["ls", "-A", "/etc/pve/priv/lock"], ct)).StandardOutput.Trim());
        }
        finally
        {
            await Lab.ExecAsync(3, ["rmdir", LockPath], CancellationToken.None);
            if ((await _fixture.ReadAsync(1, ClusterConf, ct))?.Contains("name: phantom43", StringComparison.Ordinal) == true)
            {
                var removed = await api.SendFormAsync(HttpMethod.Delete, "cluster/config/nodes/phantom43", login, new Dictionary<string, string>(), ct);
                Assert.True(removed.Status == HttpStatusCode.OK, $"delete phantom43: {removed.Status} {removed.Body}");
            }

            await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.ExpectedVotes == 3, "back to 3 expected votes");
        }
    }

    private Dictionary<string, string> Link(int host) => new() { ["link0"] = Lab.Addressing.Node(host, 0).ToString() };

    /// <summary>Once the 3 members are quorate: a client of the node's API, logged in as root.</summary>
    private async Task<(NodeApiClient Api, (string Ticket, string Csrf) Login)> ConnectAsync(int node, CancellationToken ct)
    {
        await Pvecm.WaitForAsync(StandaloneClusterFixture.Members, v => v.Quorate && v.Nodes == 3, "3 members");
        var ca = await _fixture.ReadAsync(1, "/etc/pve/pve-root-ca.pem", ct);
        var api = new NodeApiClient(Lab.Addressing.Node(node, 0), ca!);
        var login = await api.LoginAsync("root@pam", StandaloneClusterFixture.Password, ct);
        Assert.Equal(HttpStatusCode.OK, login.Status);
        return (api, NodeApiClient.TicketOf(login.Body));
    }

    /// <summary>pmxcfs replicates the write; waits until the node's copy satisfies <paramref name="condition"/>.</summary>
    private async Task<string> WaitForConfAsync(int node, Func<string, bool> condition, CancellationToken ct) =>
        (await Polling.UntilAsync(
            token => _fixture.ReadAsync(node, ClusterConf, token),
            conf => conf is not null && condition(conf),
            TimeSpan.FromMinutes(4),
            $"node {node}'s {ClusterConf} to match",
            ct))!;
}
