using System.Net;
using PveCluster.Api.PveFiles;

namespace PveCluster.Api.Tests.NodeStatus;

/// <summary>/version, /access/domains, /nodes, /nodes/{node}/status and /cluster/resources on a real server.</summary>
public sealed class NodeEndpointsTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    private const string ThreeMembers = """
        {
        "nodename": "testnode",
        "version": 7,
        "cluster": { "name": "lab", "version": 3, "nodes": 3, "quorate": 1 },
        "nodelist": {
          "testnode": { "id": 1, "online": 1, "ip": "192.0.2.11" },
          "pve2": { "id": 2, "online": 1, "ip": "192.0.2.12" },
          "pve3": { "id": 3, "online": 0, "ip": "192.0.2.13" }
          }
        }
        """;

    public void Dispose() => File.Delete(server.PveDir.Members);

    [Fact]
    public async Task Version_has_proxmox_fields()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "version");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body["data"]!.AsObject();
        Assert.Matches(@"^\d+\.\d+", data["version"]!.GetValue<string>());
        Assert.StartsWith(data["release"]!.GetValue<string>(), data["version"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(data["repoid"]);
    }

    [Fact]
    public async Task Domains_are_listed_without_a_ticket()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.GetAsync(client, "access/domains");
        Assert.Equal(HttpStatusCode.OK, status);
        var realm = Assert.Single(body["data"]!.AsArray())!;
        Assert.Equal("pam", realm["realm"]!.GetValue<string>());
        Assert.Equal("pam", realm["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Standalone_nodes_is_this_node_online_with_its_figures_and_fingerprint()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes");
        Assert.Equal(HttpStatusCode.OK, status);
        var row = Assert.Single(body["data"]!.AsArray())!.AsObject();
        Assert.Equal("testnode", row["node"]!.GetValue<string>());
        Assert.Equal("online", row["status"]!.GetValue<string>());
        Assert.Equal("node/testnode", row["id"]!.GetValue<string>());
        Assert.Equal("node", row["type"]!.GetValue<string>());
        Assert.Equal(NodeCertificateLoader.TryFingerprint(server.PveDir, "testnode"), row["ssl_fingerprint"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessorCount, row["maxcpu"]!.GetValue<int>());
        Assert.InRange(row["cpu"]!.GetValue<double>(), 0, 1);
        Assert.InRange(row["mem"]!.GetValue<ulong>(), 1UL, row["maxmem"]!.GetValue<ulong>());
        Assert.InRange(row["disk"]!.GetValue<ulong>(), 1UL, row["maxdisk"]!.GetValue<ulong>());
        Assert.True(row["uptime"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Cluster_nodes_come_from_members_and_only_this_node_has_figures()
    {
        await File.WriteAllTextAsync(server.PveDir.Members, ThreeMembers);
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "nodes");
        var rows = body["data"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["node"]!.GetValue<string>());

        Assert.Equal(["pve2", "pve3", "testnode"], rows.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("online", rows["pve2"]["status"]!.GetValue<string>());
        Assert.Equal("offline", rows["pve3"]["status"]!.GetValue<string>());
        Assert.False(rows["pve2"].ContainsKey("uptime"));
        Assert.False(rows["pve2"].ContainsKey("ssl_fingerprint"));
        Assert.True(rows["testnode"].ContainsKey("uptime"));
    }

    [Fact]
    public async Task Node_status_has_proxmox_fields_from_proc()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/testnode/status");
        Assert.Equal(HttpStatusCode.OK, status);
        var data = body["data"]!.AsObject();
        Assert.Equal(3, data["loadavg"]!.AsArray().Count);
        Assert.Equal(Environment.ProcessorCount, data["cpuinfo"]!["cpus"]!.GetValue<int>());
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), data["current-kernel"]!["release"]!.GetValue<string>());
        Assert.StartsWith("Linux ", data["kversion"]!.GetValue<string>(), StringComparison.Ordinal);
        var memory = data["memory"]!.AsObject();
        Assert.Equal(memory["total"]!.GetValue<ulong>(), memory["used"]!.GetValue<ulong>() + memory["free"]!.GetValue<ulong>());
        var rootfs = data["rootfs"]!.AsObject();
        Assert.True(rootfs["total"]!.GetValue<ulong>() >= rootfs["used"]!.GetValue<ulong>());
        Assert.StartsWith("pve-api/", data["pveversion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.InRange(data["wait"]!.GetValue<double>(), 0, 1);
    }

    [Fact]
    public async Task Status_of_localhost_is_this_node_and_a_node_that_is_not_a_member_is_not_found()
    {
        using var client = server.RootClient();
        Assert.Equal(HttpStatusCode.OK, (await ApiServerFixture.GetAsync(client, "nodes/localhost/status")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiServerFixture.GetAsync(client, "nodes/pve2/status")).Status);
    }

    [Fact]
    public async Task Cluster_resources_lists_node_rows_and_filters_by_type()
    {
        await File.WriteAllTextAsync(server.PveDir.Members, ThreeMembers);
        using var client = server.RootClient();
        var (_, all) = await ApiServerFixture.GetAsync(client, "cluster/resources");
        var (_, nodes) = await ApiServerFixture.GetAsync(client, "cluster/resources?type=node");
        var (_, vms) = await ApiServerFixture.GetAsync(client, "cluster/resources?type=vm");
        var (badStatus, bad) = await ApiServerFixture.GetAsync(client, "cluster/resources?type=nodes");

        Assert.Equal(3, all["data"]!.AsArray().Count);
        Assert.All(all["data"]!.AsArray(), row => Assert.Equal("node", row!["type"]!.GetValue<string>()));
        Assert.Equal(["node/pve2", "node/pve3", "node/testnode"], nodes["data"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()));
        Assert.Empty(vms["data"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Contains("enumeration", bad["errors"]!["type"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
