using System.Net;

namespace PveCluster.Api.Tests;

/// <summary>GET /cluster/log reads pmxcfs's .clusterlog view.</summary>
public sealed class ClusterLogTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>, IDisposable
{
    public void Dispose() => File.Delete(server.PveDir.ClusterLog);

    [Fact]
    public async Task Entries_are_passed_on_newest_first_and_max_bounds_them()
    {
        await File.WriteAllTextAsync(server.PveDir.ClusterLog, """
            {"data": [
            {"uid": 3, "time": 1700000300, "pri": 6, "tag": "pmxcfs", "pid": 42, "node": "n2", "user": "root", "msg": "third"},
            {"uid": 2, "time": 1700000200, "pri": 4, "tag": "pmxcfs", "pid": 41, "node": "n1", "user": "root", "msg": "second"},
            {"uid": 1, "time": 1700000100, "pri": 6, "tag": "corosync", "pid": 40, "node": "n1", "user": "root", "msg": "first"}
            ]}
            """);
        using var client = server.RootClient();

        var (status, all) = await ApiServerFixture.GetAsync(client, "cluster/log");
        var (_, two) = await ApiServerFixture.GetAsync(client, "cluster/log?max=2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["third", "second", "first"], all["data"]!.AsArray().Select(e => e!["msg"]!.GetValue<string>()));
        var newest = all["data"]![0]!;
        Assert.Equal(3, newest["uid"]!.GetValue<int>());
        Assert.Equal(1700000300, newest["time"]!.GetValue<long>());
        Assert.Equal(6, newest["pri"]!.GetValue<int>());
        Assert.Equal("pmxcfs", newest["tag"]!.GetValue<string>());
        Assert.Equal(42, newest["pid"]!.GetValue<int>());
        Assert.Equal("n2", newest["node"]!.GetValue<string>());
        Assert.Equal("root", newest["user"]!.GetValue<string>());
        Assert.Equal(["third", "second"], two["data"]!.AsArray().Select(e => e!["msg"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("max=0")]
    [InlineData("max=abc")]
    public async Task Bad_max_is_400(string query)
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/log?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["max"]);
    }

    [Fact]
    public async Task Without_pmxcfs_the_answer_says_so()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/log");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("is pmxcfs running?", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
