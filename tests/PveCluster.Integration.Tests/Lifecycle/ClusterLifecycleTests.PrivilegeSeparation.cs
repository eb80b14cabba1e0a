using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Services;

namespace PveCluster.Integration.Tests.Lifecycle;

/// <summary>
/// The API's privilege split on the cluster the fixture built: pveproxy runs as www-data and cannot read priv/,
/// pvedaemon (root) takes only root and www-data on its socket, logins and protected calls pass through it, and a
/// node answers for another member by forwarding to that member's pveproxy.
/// </summary>
public sealed partial class ClusterLifecycleTests
{
    private const string DaemonSocket = "/run/pvedaemon/pvedaemon.sock";
    private const uint WwwData = 33;

    private static readonly string[] AsWwwData = ["setpriv", "--reuid=www-data", "--regid=www-data", "--init-groups"];

    [ClusterLifecycleFact]
    public async Task The_proxy_runs_as_www_data_and_reads_the_cluster_config_but_not_priv_while_the_daemon_runs_as_root()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        foreach (var node in StandaloneClusterFixture.Members)
        {
            var proxy = Lab.ServiceProcess(node, ServiceNames.PveProxy) ?? throw new InvalidOperationException($"no pveproxy on n{node}");
            var daemon = Lab.ServiceProcess(node, ServiceNames.PveDaemon) ?? throw new InvalidOperationException($"no pvedaemon on n{node}");
            Assert.Equal([WwwData, WwwData, WwwData, WwwData], StatusIds(proxy.Pid, "Uid"));
            Assert.Equal([WwwData, WwwData, WwwData, WwwData], StatusIds(proxy.Pid, "Gid"));
            Assert.Equal([0u, 0u, 0u, 0u], StatusIds(daemon.Pid, "Uid"));

            // What the proxy's user may open in /etc/pve (pmxcfs presents root:www-data 0640/0750, priv/ 0700).
            var signingKey = await Lab.ExecAsync(node, [.. AsWwwData, "cat", "/etc/pve/priv/authkey.key"], ct);
            Assert.False(signingKey.Succeeded, $"n{node}: www-data read priv/authkey.key");
            Assert.Contains("Permission denied", signingKey.StandardError, StringComparison.Ordinal);
            var csrfSecret = await Lab.ExecAsync(node, [.. AsWwwData, "cat", "/etc/pve/priv/pve-www.key"], ct);
            Assert.False(csrfSecret.Succeeded, $"n{node}: www-data read priv/pve-www.key");
            await _fixture.ExecOrFailAsync(node, [.. AsWwwData, "cat", "/etc/pve/corosync.conf", "/etc/pve/authkey.pub", $"/etc/pve/nodes/n{node}/pve-ssl.key"], ct);
        }
    }

    [ClusterLifecycleFact]
    public async Task The_daemon_socket_lets_in_root_and_www_data_and_refuses_any_other_uid_even_in_the_www_data_group()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        string[] curl = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", "--unix-socket", DaemonSocket, "http://pvedaemon/api2/json/cluster/status"];

        // Root and www-data are let in; pvedaemon answers that it only runs protected calls.
        Assert.Equal("404", (await _fixture.ExecOrFailAsync(2, curl, ct)).StandardOutput);
        Assert.Equal("404", (await _fixture.ExecOrFailAsync(2, [.. AsWwwData, .. curl], ct)).StandardOutput);

        // nobody cannot even reach the socket (its directory is root:www-data 0750).
        var nobody = await Lab.ExecAsync(2, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", .. curl], ct);
        Assert.Equal(7, nobody.ExitCode);

        // nobody with www-data's group passes the file modes, but the daemon checks the peer's uid and hangs up.
        // Exit 7 (no socket) only while a restart by an earlier test re-creates it; the hang-up must follow.
        var grouped = await Polling.UntilAsync(
            token => Lab.ExecAsync(2, ["setpriv", "--reuid=65534", "--regid=33", "--clear-groups", .. curl], token),
            result => result.ExitCode != 7, TimeSpan.FromSeconds(20), "pvedaemon's socket to exist", ct);
        Assert.Equal(52, grouped.ExitCode);
        // The console logger writes in the background: wait for the line rather than read once.
        await Polling.UntilAsync(
            token => File.ReadAllTextAsync(Lab.ServiceLogPath(2, ServiceNames.PveDaemon), token),
            log => log.Contains("refused a connection to pvedaemon from pid", StringComparison.Ordinal) && log.Contains("uid 65534 gid 33", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "pvedaemon logs the refused peer", ct);
    }

    [ClusterLifecycleFact]
    public async Task A_password_login_and_a_protected_call_go_through_the_daemon()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        using var api = await ApiAsync(3, ct);
        var login = await api.LoginAsync("root@pam", StandaloneClusterFixture.Password, ct);
        Assert.True(login.Status == HttpStatusCode.OK, $"{login.Status}: {login.Body}");

        // Only pvedaemon's handler knows this answer: it looks at /etc/pve/corosync.conf as root.
        var create = await api.SendFormAsync(HttpMethod.Post, "cluster/config", NodeApiClient.TicketOf(login.Body),
            new Dictionary<string, string> { ["clustername"] = "another" }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, create.Status);
        Assert.Contains("cluster config '/etc/pve/corosync.conf' already exists", MessageOf(create.Body), StringComparison.Ordinal);
    }

    [ClusterLifecycleFact]
    public async Task A_node_answers_for_another_member_by_asking_that_members_proxy()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ct = timeout.Token;
        using var n1 = await ApiAsync(1, ct);
        using var n2 = await ApiAsync(2, ct);
        var ticket = await RootTicketAsync(n1, ct);

        var forwarded = await n1.GetAsync("nodes/n2/network", ticket, ct);
        Assert.True(forwarded.Status == HttpStatusCode.OK, $"{forwarded.Status}: {forwarded.Body}");
        var local = await n2.GetAsync("nodes/localhost/network", ticket, ct);
        Assert.Equal(Interfaces(local.Body), Interfaces(forwarded.Body));
        Assert.Contains(Lab.Addressing.Node(2, 0).ToString(), Interfaces(forwarded.Body).Select(i => i.Address));

        var unknown = await n1.GetAsync("nodes/n9/network", ticket, ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Contains("no such cluster node 'n9'", MessageOf(unknown.Body), StringComparison.Ordinal);
    }

    [ClusterLifecycleFact]
    public async Task A_request_for_a_member_whose_proxy_is_down_answers_595_at_once()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = timeout.Token;
        using var n1 = await ApiAsync(1, ct);
        var ticket = await RootTicketAsync(n1, ct);
        await Lab.StopServiceAsync(3, ServiceNames.PveProxy, ct);
        try
        {
            var clock = Stopwatch.StartNew();
            var answer = await n1.GetAsync("nodes/n3/network", ticket, ct);
            Assert.Equal(595, (int)answer.Status);
            // Far below the 60 s an online member gets to answer: the refused connection is reported as it happens
            // (the bound leaves room for a loaded 2-core CI machine).
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
            Assert.Contains("node 'n3'", MessageOf(answer.Body), StringComparison.Ordinal);
            Assert.Contains("is unreachable", MessageOf(answer.Body), StringComparison.Ordinal);
        }
        finally
        {
            await Lab.StartServiceAsync(3, ServiceNames.PveProxy, CancellationToken.None);
        }
    }

    private async Task<NodeApiClient> ApiAsync(int node, CancellationToken ct) =>
        new(Lab.Addressing.Node(node, 0), await _fixture.ReadAsync(1, "/etc/pve/pve-root-ca.pem", ct) ?? throw new InvalidOperationException("no CA"));

    /// <summary>The four ids of a "Uid:" or "Gid:" line of /proc/PID/status (real, effective, saved, filesystem).</summary>
    private static uint[] StatusIds(int pid, string field) =>
    [
        .. File.ReadLines($"/proc/{pid}/status").Single(line => line.StartsWith(field + ":", StringComparison.Ordinal))
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(uint.Parse),
    ];

    private static async Task<string> RootTicketAsync(NodeApiClient api, CancellationToken ct) =>
        NodeApiClient.TicketOf((await api.LoginAsync("root@pam", StandaloneClusterFixture.Password, ct)).Body).Ticket;

    private static string MessageOf(string body) => JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body;

    private static List<(string Name, string? Address)> Interfaces(string body) =>
    [
        .. JsonNode.Parse(body)!["data"]!.AsArray()
            .Select(i => (i!["iface"]!.GetValue<string>(), i["address"]?.GetValue<string>()))
            .OrderBy(i => i.Item1, StringComparer.Ordinal),
    ];
}
