using System.Net;

namespace PveCluster.Api.Tests;

public sealed class ClusterStatusTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    public void Dispose() => File.Delete(server.PveDir.Members);

    [Fact]
    public async Task Standalone_node_reports_one_synthetic_local_node()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");

        Assert.Equal(HttpStatusCode.OK, status);
        var entry = Assert.Single(body["data"]!.AsArray())!;
        Assert.Equal("node", entry["type"]!.GetValue<string>());
        Assert.Equal("node/testnode", entry["id"]!.GetValue<string>());
        Assert.Equal(0, entry["nodeid"]!.GetValue<int>());
        Assert.Equal(1, entry["online"]!.GetValue<int>());
        Assert.Equal(1, entry["local"]!.GetValue<int>());
    }

    [Fact]
    public async Task Cluster_members_come_from_the_members_file()
    {
        await File.WriteAllTextAsync(server.PveDir.Members, """
            {
            "nodename": "testnode",
            "version": 12,
            "cluster": { "name": "lab", "version": 4, "nodes": 3, "quorate": 1 },
            "nodelist": {
              "pve3": { "id": 3, "online": 0, "ip": "192.0.2.13" },
              "testnode": { "id": 1, "online": 1, "ip": "192.0.2.11" },
              "pve2": { "id": 2, "online": 1, "ip": "192.0.2.12" }
              }
            }
            """);
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "cluster/status");
        var rows = body["data"]!.AsArray();

        Assert.Equal(4, rows.Count);
        var cluster = rows[0]!;
        Assert.Equal("cluster", cluster["type"]!.GetValue<string>());
        Assert.Equal("lab", cluster["name"]!.GetValue<string>());
        Assert.Equal(3, cluster["nodes"]!.GetValue<int>());
        Assert.Equal(4, cluster["version"]!.GetValue<int>());
        Assert.Equal(1, cluster["quorate"]!.GetValue<int>());

        Assert.Equal(["testnode", "pve2", "pve3"], rows.Skip(1).Select(r => r!["name"]!.GetValue<string>()));
        Assert.Equal(1, rows[1]!["local"]!.GetValue<int>());
        Assert.Equal(0, rows[2]!["local"]!.GetValue<int>());
        Assert.Equal(0, rows[3]!["online"]!.GetValue<int>());
        Assert.Equal("192.0.2.12", rows[2]!["ip"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_members_file_is_a_clear_500()
    {
        await File.WriteAllTextAsync(server.PveDir.Members, "{\n\"nodename\": \"testnode\",\n\"version\": oops }\n");
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains(".members line 3", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
