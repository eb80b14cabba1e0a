using System.Net;
using System.Text.Json.Nodes;
using PveCluster.Core.CorosyncConf;

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
        WriteMembers(quorate: true, online: [1, 2]);
    }

    public void Dispose()
    {
        File.Delete(_server.PveDir.CorosyncConf);
        File.Delete(_server.PveDir.Members);
    }

    private void WriteMembers(bool quorate, params int[] online)
    {
        var nodes = new JsonObject();
        foreach (var (name, id) in new[] { ("testnode", 1), ("pve2", 2), ("pve3", 3) })
        {
            nodes[name] = new JsonObject { ["id"] = id, ["online"] = online.Contains(id) ? 1 : 0, ["ip"] = $"192.0.2.1{id}" };
        }

        var members = new JsonObject
        {
            ["nodename"] = "testnode",
            ["version"] = 5,
            ["cluster"] = new JsonObject { ["name"] = "prod", ["version"] = 3, ["nodes"] = 3, ["quorate"] = quorate ? 1 : 0 },
            ["nodelist"] = nodes,
        };
        File.WriteAllText(_server.PveDir.Members, members.ToJsonString());
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
        WriteMembers(quorate: false, online: [1]);
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("not quorate", body["errors"]!["error0"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ThreeNodes, File.ReadAllText(_server.PveDir.CorosyncConf));
        Assert.False(Directory.Exists(_server.PveDir.NodeDirectory("pve4")));
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
    [InlineData("4294967296")]
    [InlineData("18446744073709551615")]
    public async Task Votes_beyond_what_corosync_reads_are_parameter_errors(string votes)
    {
        using var client = _server.RootClient();
        var (status, body) = await AddAsync(client, "pve4", new() { ["link0"] = "192.0.2.14", ["votes"] = votes });
        var (createStatus, createBody) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new()
        {
            ["clustername"] = "prod", ["votes"] = votes,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal($"votes {votes} is out of range: corosync accepts 0 to 2147483647 votes per node", body["errors"]!["votes"]!.GetValue<string>());
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
    public async Task Create_runs_pvecm_as_a_task_and_logs_its_output()
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
        Assert.Contains("pvecm create prod --link0 192.0.2.11 --nodeid 2", log, StringComparison.Ordinal);
        Assert.Equal("TASK OK", log.Split('\n')[^1]);
    }

    [Fact]
    public async Task A_failing_create_task_ends_with_pvecm_error_line()
    {
        File.Delete(_server.PveDir.CorosyncConf);
        using var client = _server.RootClient();
        var (_, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "broken" });

        var log = await TaskLogAsync(client, body["data"]!.GetValue<string>());
        Assert.Equal("TASK ERROR: cluster create refused: something", log.Split('\n')[^1]);
    }

    [Fact]
    public async Task Join_passes_the_password_on_stdin_not_on_the_command_line()
    {
        using var client = _server.RootClient();
        var fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config/join", new()
        {
            ["hostname"] = "192.0.2.11",
            ["password"] = "hunter22",
            ["fingerprint"] = fingerprint,
            ["link0"] = "192.0.2.14",
        });

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        var log = await TaskLogAsync(client, body["data"]!.GetValue<string>());
        Assert.Contains($"pvecm add 192.0.2.11 --fingerprint {fingerprint} --link0 192.0.2.14", log, StringComparison.Ordinal);
        Assert.Contains("password has 8 characters", log, StringComparison.Ordinal);
        Assert.Contains("called by api: 1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", log, StringComparison.Ordinal);
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
