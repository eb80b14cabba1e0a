using System.Net;
using System.Text.Json.Nodes;
using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Locking;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Api.Tests.Join;

public sealed class ClusterJoinEndpointTests : IClassFixture<JoinServerFixture>, IDisposable
{
    private const string ThreeNodes = """
        nodelist {
          node {
            name: testnode
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 192.0.2.11
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 192.0.2.12
          }
          node {
            name: pve3
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 192.0.2.13
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: prod
          config_version: 3
          interface {
            linknumber: 0
          }
          ip_version: ipv4-6
          link_mode: passive
          secauth: on
          version: 2
        }

        """;

    private readonly JoinServerFixture _server;

    public ClusterJoinEndpointTests(JoinServerFixture server)
    {
        _server = server;
        File.WriteAllText(server.PveDir.CorosyncConf, ThreeNodes);
        server.Corosync = FakeCluster.Members(quorate: true, 1, 2);
        server.Services.Active.Clear();
        server.Services.Calls.Clear();
    }

    public void Dispose()
    {
        File.Delete(_server.PveDir.CorosyncConf);
        File.Delete(_server.Paths.LocalCorosyncConf);
    }

    private static Task<(HttpStatusCode Status, JsonObject Body)> AddAsync(HttpClient client, string node, Dictionary<string, string> form) =>
        ApiServerFixture.PostFormAsync(client, $"cluster/config/nodes/{node}", form);

    [Fact]
    public async Task Adding_a_node_needs_a_ticket()
    {
        using var client = _server.Client();
        var (status, _) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Adding_a_node_needs_the_csrf_token()
    {
        using var client = _server.Client(_server.Ticket());
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("CSRFPreventionToken", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Adding_a_node_returns_the_new_config_and_the_authkey()
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14", ["apiversion"] = "1" });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var data = body["data"]!.AsObject();
        Assert.Equal(_server.AuthKey, Convert.FromBase64String(data["corosync_authkey"]!.GetValue<string>()));
        var returned = data["corosync_conf"]!.GetValue<string>();
        Assert.Equal(returned, File.ReadAllText(_server.PveDir.CorosyncConf));
        var conf = CorosyncConfig.Parse(returned);
        Assert.Equal(4UL, conf.Totem!.ConfigVersion);
        var added = conf.FindNode("pve4");
        Assert.NotNull(added);
        Assert.Equal(4UL, added.NodeId);
        Assert.Equal("192.0.2.14", added.LinkAddresses[0]);
        Assert.True(Directory.Exists(Path.Combine(_server.PveDir.NodeDirectory("pve4"), "qemu-server")));
        Assert.False(File.Exists(_server.PveDir.CorosyncConf + ".new"));
        Assert.NotNull(data["warnings"]!.AsArray());
    }

    [Fact]
    public async Task A_single_link_cluster_accepts_new_node_ip_instead_of_links()
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["new_node_ip"] = "192.0.2.14" });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("192.0.2.14", CorosyncConfig.Parse(File.ReadAllText(_server.PveDir.CorosyncConf)).FindNode("pve4")!.LinkAddresses[0]);
    }

    [Fact]
    public async Task Without_quorum_the_member_refuses_and_changes_nothing()
    {
        _server.Corosync = FakeCluster.Members(quorate: false, 1);
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not quorate", body["errors"]!["error0"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
        Assert.False(Directory.Exists(_server.PveDir.NodeDirectory("pve4")));
    }

    [Fact]
    public async Task While_another_member_holds_the_cluster_lock_the_member_refuses_with_503_and_changes_nothing()
    {
        var held = Path.Combine(_server.Paths.LockDirectory, ClusterLock.CorosyncConf);
        Directory.CreateDirectory(held);
        File.WriteAllText(Path.Combine(held, ClusterLockHolder.FileName), new ClusterLockHolder("pve2", 77, "t").Format());
        try
        {
            using var client = _server.RootClient();
            var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.StartsWith("cluster config is locked by pve2 (pid 77) (since ", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
            Assert.False(Directory.Exists(_server.PveDir.NodeDirectory("pve4")));
        }
        finally
        {
            Directory.Delete(held, recursive: true);
        }
    }

    [Fact]
    public async Task A_reused_address_and_an_existing_name_are_refused_together()
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve2", new() { ["link0"] = "192.0.2.13" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body["errors"]!.AsObject().Select(e => e.Value!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("can't add existing node 'pve2'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("already used by node 'pve3'", StringComparison.Ordinal));
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Malformed_parameters_are_parameter_errors()
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new()
        {
            ["link0"] = "192.0.2.14,priority=300",
            ["votes"] = "many",
            ["apiversion"] = "7",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body["errors"]!.AsObject();
        Assert.NotNull(errors["link0"]);
        Assert.NotNull(errors["votes"]);
        Assert.Contains("incompatible", errors["apiversion"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2147483648", "votes 2147483648 is out of range: corosync accepts 0 to 2147483647 votes per node")]
    [InlineData("4294967295", "votes 4294967295 is out of range: corosync accepts 0 to 2147483647 votes per node")]
    [InlineData("4294967296", "value must have a maximum value of 4294967295")]
    [InlineData("18446744073709551615", "value must have a maximum value of 4294967295")]
    public async Task Votes_beyond_what_corosync_reads_are_parameter_errors(string votes, string error)
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14", ["votes"] = votes });
        var (createStatus, createBody) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new()
        {
            ["clustername"] = "prod", ["votes"] = votes,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(error, body["errors"]!["votes"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, createStatus);
        Assert.NotNull(createBody["errors"]!["votes"]);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Theory]
    [InlineData("--force")]
    [InlineData("192.0.2.11 --link0 10.0.0.1")]
    [InlineData("pve1;reboot")]
    public async Task A_join_host_that_is_no_address_or_host_name_never_reaches_pvecm(string hostname)
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config/join", new()
        {
            ["hostname"] = hostname,
            ["password"] = "x",
            ["fingerprint"] = string.Join(':', Enumerable.Repeat("AB", 32)),
            ["votes"] = "4294967296",
        });

        Assert.True(status == HttpStatusCode.BadRequest, body.ToJsonString());
        Assert.Contains("join host", body["errors"]!["hostname"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(body["errors"]!["votes"]);
    }

    /// <summary>Bodies found by pve-fuzz that escaped the parameter reader as framework exceptions (500).</summary>
    public static TheoryData<string, byte[]> MalformedBodies() => new()
    {
        { "application/json", [.. "{\"link0\":\"AB"u8, 0xFF, 0xFE, .. "\"}"u8] },
        { "application/json", [.. "{\"li"u8, 0xC3, .. "nk0\":1}"u8] },
        { "application/json", [.. "{\"link0\":tru\u0001e}"u8] },
        { "application/x-www-form-urlencoded", [.. "link0=192.0.2.14%00&votes=1"u8] },
        { "application/x-www-form-urlencoded", [.. new string('k', 3000).Select(c => (byte)c), .. "=1"u8] },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_are_client_errors_with_a_plain_message(string contentType, byte[] body)
    {
        using var client = _server.RootClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);

        var (status, response) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "cluster/config/nodes/pve4") { Content = content });

        Assert.True(status == HttpStatusCode.BadRequest, response.ToJsonString());
        var message = response["message"]!.GetValue<string>().TrimEnd('\n');
        Assert.DoesNotContain(message, char.IsControl);
        Assert.DoesNotContain("FormPipeReader", message, StringComparison.Ordinal);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Deleting_an_offline_node_rewrites_the_config()
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Delete, "cluster/config/nodes/pve3"));

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var conf = CorosyncConfig.Parse(File.ReadAllText(_server.PveDir.CorosyncConf));
        Assert.Null(conf.FindNode("pve3"));
        Assert.Equal(4UL, conf.Totem!.ConfigVersion);
        Assert.Contains(body["warnings"]!.AsArray(), w => w!.GetValue<string>().Contains("nodes/pve3 is kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_node_serving_the_request_cannot_delete_itself()
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Delete, "cluster/config/nodes/testnode"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("cannot delete 'testnode'", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Create_on_a_clustered_node_is_refused_at_once()
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "other" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("already exists", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_runs_in_process_as_a_task_and_logs_the_progress_pvecm_prints()
    {
        File.Delete(_server.PveDir.CorosyncConf);
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new()
        {
            ["clustername"] = "prod",
            ["link0"] = "192.0.2.11",
            ["nodeid"] = "2",
        });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var log = await TaskLogAsync(client, body["data"]!.GetValue<string>());
        Assert.Equal("TASK OK", log.Split('\n')[^1]);
        Assert.Contains($"writing {_server.PveDir.CorosyncConf}", log, StringComparison.Ordinal);
        Assert.Contains("restarting corosync...OK", log, StringComparison.Ordinal);
        Assert.Contains("waiting for quorum...OK", log, StringComparison.Ordinal);
        Assert.Contains("Cluster 'prod' created", log, StringComparison.Ordinal);
        Assert.Equal(2UL, CorosyncConfig.Parse(File.ReadAllText(_server.PveDir.CorosyncConf)).FindNode("testnode")!.NodeId);
        Assert.Contains("restart corosync", _server.Services.Calls);
    }

    [Fact]
    public async Task A_refused_create_task_ends_with_the_refusal()
    {
        File.Delete(_server.PveDir.CorosyncConf);
        _server.Services.Active.Add(PveCluster.Lifecycle.Services.ClusterService.Corosync);
        using var client = _server.RootClient();
        var (_, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "prod" });

        var log = await TaskLogAsync(client, body["data"]!.GetValue<string>());
        Assert.StartsWith("TASK ERROR: cluster create refused: ", log.Split('\n')[^1], StringComparison.Ordinal);
        Assert.Contains("corosync", log.Split('\n')[^1], StringComparison.Ordinal);
        Assert.False(File.Exists(_server.PveDir.CorosyncConf));
    }

    [Fact]
    public async Task Join_runs_in_process_with_the_password_of_the_request_and_never_logs_it()
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config/join", new()
        {
            ["hostname"] = "192.0.2.11",
            ["password"] = _server.Peer.Password,
            ["fingerprint"] = FakePeer.Fingerprint.Value,
            ["link0"] = "192.0.2.14",
        });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var log = await TaskLogAsync(client, body["data"]!.GetValue<string>());
        Assert.Contains("Establishing API connection with host '192.0.2.11'", log, StringComparison.Ordinal);
        // The fake peer accepts only its own password: logging in proves the request's password arrived.
        Assert.Contains("Login succeeded.", log, StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Peer.Password, log, StringComparison.Ordinal);
        // The fake peer has no join information, so the join stops there, before anything changed.
        Assert.StartsWith("TASK ERROR: ", log.Split('\n')[^1], StringComparison.Ordinal);
        Assert.DoesNotContain(_server.Services.Calls, c => c.Contains("pve-cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Join_checks_the_fingerprint_format()
    {
        using var client = _server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config/join", new()
        {
            ["hostname"] = "192.0.2.11",
            ["password"] = "x",
            ["fingerprint"] = "AB:CD",
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["fingerprint"]);
    }

    private static async Task<string> TaskLogAsync(HttpClient client, string upid)
    {
        var escaped = Uri.EscapeDataString(upid);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var (_, status) = await ApiServerFixture.GetAsync(client, $"nodes/testnode/tasks/{escaped}/status");
            if (status["data"]!["status"]!.GetValue<string>() == "stopped")
            {
                var (_, log) = await ApiServerFixture.GetAsync(client, $"nodes/testnode/tasks/{escaped}/log?limit=1000");
                return string.Join('\n', log["data"]!.AsArray().Select(l => l!["t"]!.GetValue<string>()));
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"task {upid} did not finish");
    }
}
