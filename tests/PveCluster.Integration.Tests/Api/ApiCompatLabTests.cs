using System.Net;
using System.Text.Json.Nodes;
using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Integration.Tests.Lifecycle;
using PveCluster.Lab;

namespace PveCluster.Integration.Tests.Api;

/// <summary>
/// The API's read paths on a real 3-node, 2-link cluster: answered correctly through the third-party npm client
/// <c>proxmox-api</c> (which rejects any content type but Proxmox's), and the knet link view following a cut link.
/// </summary>
public sealed class ApiCompatLabTests(ApiLabFixture fixture) : IClassFixture<ApiLabFixture>
{
    private static readonly TimeSpan LinkChangeTimeout = TimeSpan.FromSeconds(60);

    private LabCluster Lab => fixture.Lab;

    [ClusterLifecycleFact]
    public async Task Proxmox_api_npm_client_reads_every_path_the_gui_uses()
    {
        if (LabRequirements.Required && ProxmoxApiClientRunner.MissingReason() is { } missing)
        {
            Assert.Fail(missing);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        var ca = await CaAsync(ct);
        await WaitForApiAsync(ca, ct);
        // The cluster log and pmxcfs's views exist once every node's pmxcfs has joined.
        await Polling.UntilAsync(
            c => Lab.ExecAsync(1, ["sh", "-c", "grep -c 'starting cluster file system' /etc/pve/.clusterlog"], c),
            r => r.Succeeded && int.TryParse(r.StandardOutput.Trim(), out var n) && n >= 3, TimeSpan.FromMinutes(1),
            "the cluster log to hold every node's pmxcfs start", ct);

        var results = await ProxmoxApiClientRunner.RunAsync(Lab.Addressing.Node(1, 0).ToString(), "n1", "n2", ca, LabOptions.DefaultRootPassword, ct);

        var failed = results.Where(r => r.Value!["ok"]!.GetValue<bool>() is false).Select(r => $"{r.Key}: {r.Value!["error"]}").ToList();
        Assert.True(failed.Count == 0, "calls failed through proxmox-api:\n" + string.Join("\n", failed));
        JsonNode Data(string path) => results[path]!["data"]!;

        Assert.Matches(@"^\d+\.\d+", Data("/version")["version"]!.GetValue<string>());
        Assert.Contains(Data("/access/domains").AsArray(), r => r!["realm"]!.GetValue<string>() == "pam");
        Assert.Equal(["n1", "n2", "n3"], Names(Data, "/nodes", "node"));
        Assert.All(Data("/nodes").AsArray(), n => Assert.Equal("online", n!["status"]!.GetValue<string>()));
        Assert.True(Data("/nodes").AsArray().Single(n => n!["node"]!.GetValue<string>() == "n1")!["uptime"]!.GetValue<long>() > 0);
        Assert.True(Data("/nodes/n1/status")["cpuinfo"]!["cpus"]!.GetValue<int>() > 0);
        Assert.True(Data("/nodes/n1/status")["memory"]!["total"]!.GetValue<ulong>() > 0);
        Assert.NotEmpty(Data("/nodes/n1/network").AsArray());
        Assert.NotNull(Data("/nodes/n1/tasks").AsArray());
        Assert.Equal(4, Data("/nodes/n1/corosync/links").AsArray().Count);
        Assert.Equal(["node/n1", "node/n2", "node/n3"], Names(Data, "/cluster/resources", "id"));
        Assert.Equal(["node/n1", "node/n2", "node/n3"], Names(Data, "/cluster/resources?type=node", "id"));
        Assert.Contains(Data("/cluster/log").AsArray(), e => e!["msg"]!.GetValue<string>() == "starting cluster file system" && e["tag"]!.GetValue<string>() == "pmxcfs");
        Assert.NotNull(Data("/cluster/tasks").AsArray());
        var status = Data("/cluster/status").AsArray();
        Assert.Equal(1, status.Single(r => r!["type"]!.GetValue<string>() == "cluster")!["quorate"]!.GetValue<int>());
        Assert.Equal(3, status.Count(r => r!["type"]!.GetValue<string>() == "node"));
        Assert.Equal(["n1", "n2", "n3"], Names(Data, "/cluster/config/nodes", "node"));
        Assert.Equal(3, Data("/cluster/config/join")["nodelist"]!.AsArray().Count);
        Assert.Empty(Data("/cluster/config/qdevice").AsObject());
        foreach (var node in new[] { "n1", "n2" })
        {
            // votequorum as each node sees the partition (n2's asked on n1, which forwards it).
            var quorum = Data($"/nodes/{node}/corosync/quorum");
            Assert.Equal(1, quorum["quorate"]!.GetValue<int>());
            Assert.Equal([3, 3, 2, 3], new[] { "total_votes", "expected_votes", "quorum", "config_expected_votes" }.Select(k => quorum[k]!.GetValue<int>()));
            Assert.Equal(["member", "member", "member"], quorum["nodes"]!.AsArray().Select(n => n!["state"]!.GetValue<string>()));
            Assert.Equal(node, quorum["nodes"]!.AsArray().Single(n => n!["local"]!.GetValue<int>() == 1)!["name"]!.GetValue<string>());
        }

        Assert.Equal(["n1", "n1", "n3", "n3"], Data("/nodes/n2/corosync/links").AsArray().Select(r => r!["node"]!.GetValue<string>()));
    }

    [ClusterLifecycleFact]
    public async Task Links_view_shows_every_peer_link_connected_and_a_cut_link_down()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        var ca = await CaAsync(ct);
        var login = await WaitForApiAsync(ca, ct);
        using var api = new NodeApiClient(Lab.Addressing.Node(1, 0), ca);
        async Task<JsonArray> LinksAsync(CancellationToken c)
        {
            var answer = await api.GetAsync("nodes/n1/corosync/links", login, c);
            Assert.True(answer.Status == HttpStatusCode.OK, $"{answer.Status}: {answer.Body}");
            return JsonNode.Parse(answer.Body)!["data"]!.AsArray();
        }

        var links = await Polling.UntilAsync(LinksAsync, rows => rows.Count == 4 && rows.All(r => Flag(r, "connected")), LinkChangeTimeout,
            "n1 to see both links to n2 and n3 connected", ct);
        Assert.Equal(["n2/0", "n2/1", "n3/0", "n3/1"], links.Select(Key));
        Assert.All(links, r => Assert.True(Flag(r, "enabled")));
        Assert.Equal(Lab.Addressing.Node(3, 1).ToString(), links.Single(r => Key(r) == "n3/1")!["address"]!.GetValue<string>());

        await Lab.CutAsync(3, link: 1, drop: false, ct);
        try
        {
            var cut = await Polling.UntilAsync(LinksAsync, rows => rows.Any(r => Key(r) == "n3/1" && !Flag(r, "connected")), LinkChangeTimeout,
                "n1 to see link 1 to n3 down", ct);
            Assert.All(cut.Where(r => Key(r) != "n3/1"), r => Assert.True(Flag(r, "connected"), $"{Key(r)} went down too"));
        }
        finally
        {
            await Lab.HealAsync(3, link: 1, CancellationToken.None);
        }

        await Polling.UntilAsync(LinksAsync, rows => rows.All(r => Flag(r, "connected")), LinkChangeTimeout, "link 1 to n3 to come back", ct);
    }

    private static string Key(JsonNode? row) => $"{row!["node"]!.GetValue<string>()}/{row["link"]!.GetValue<int>()}";

    private static bool Flag(JsonNode? row, string name) => row![name]!.GetValue<int>() == 1;

    private static List<string> Names(Func<string, JsonNode> data, string path, string field) =>
        [.. data(path).AsArray().Select(r => r![field]!.GetValue<string>()).Order(StringComparer.Ordinal)];

    private async Task<string> CaAsync(CancellationToken ct)
    {
        var pem = (await Lab.ExecCheckedAsync(1, ["cat", "/etc/pve/pve-root-ca.pem"], ct)).StandardOutput;
        return pem[..(pem.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal) + 25)] + "\n";
    }

    /// <summary>Logs in on n1 until its API answers (it starts with the lab, a moment after corosync); returns the ticket.</summary>
    private async Task<string> WaitForApiAsync(string ca, CancellationToken ct)
    {
        using var api = new NodeApiClient(Lab.Addressing.Node(1, 0), ca);
        var login = await Polling.UntilAsync(
            async c =>
            {
                try
                {
                    return await api.LoginAsync("root@pam", LabOptions.DefaultRootPassword, c);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            },
            answer => answer?.Status == HttpStatusCode.OK, TimeSpan.FromMinutes(1), "n1's API to accept the root login", ct);
        return NodeApiClient.TicketOf(login!.Body).Ticket;
    }
}
