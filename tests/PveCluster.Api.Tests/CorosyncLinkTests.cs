using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Cluster;
using PveCluster.Corosync;
using PveCluster.Corosync.Cmap;

namespace PveCluster.Api.Tests;

/// <summary>
/// GET /nodes/{node}/corosync/links: the row shape over given knet figures (the real cmap read is covered by the lab
/// test CorosyncLinksLabTests).
/// </summary>
public sealed class CorosyncLinkTests(CorosyncLinkTests.KnetServer server) : IClassFixture<CorosyncLinkTests.KnetServer>, IDisposable
{
    private const string CorosyncConf = """
        nodelist {
          node {
            name: testnode
            nodeid: 1
            ring0_addr: 192.0.2.11
            ring1_addr: 10.9.0.1
          }
          node {
            name: pve2
            nodeid: 2
            ring0_addr: 192.0.2.12
            ring1_addr: 10.9.0.2
          }
        }

        totem {
          cluster_name: lab
          config_version: 3
          version: 2
        }
        """;

    public void Dispose()
    {
        File.Delete(server.PveDir.CorosyncConf);
        server.Source.Failure = null;
    }

    [Fact]
    public async Task Rows_are_per_peer_and_link_with_names_and_addresses_from_corosync_conf()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        server.Source.Stats =
        [
            new KnetLinkStats(2, 1, Enabled: true, Connected: false, Mtu: null, LatencyAverageMicroseconds: null),
            new KnetLinkStats(1, 0, Enabled: true, Connected: true, Mtu: 65535, LatencyAverageMicroseconds: 1),
            new KnetLinkStats(2, 0, Enabled: true, Connected: true, Mtu: 1397, LatencyAverageMicroseconds: 151),
            new KnetLinkStats(7, 0, Enabled: false, Connected: false, Mtu: null, LatencyAverageMicroseconds: null),
        ];
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/links");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """[{"nodeid":2,"link":0,"enabled":1,"connected":1,"node":"pve2","address":"192.0.2.12","latency_ave":151,"mtu":1397},"""
            + """{"nodeid":2,"link":1,"enabled":1,"connected":0,"node":"pve2","address":"10.9.0.2"},"""
            + """{"nodeid":7,"link":0,"enabled":0,"connected":0}]""",
            body["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Standalone_node_has_no_links()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/testnode/corosync/links");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body["data"]!.AsArray());
    }

    [Fact]
    public async Task Corosync_not_running_is_a_clear_error()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, CorosyncConf);
        server.Source.Failure = new CorosyncException(CsError.Library, "cmap_initialize");
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/links");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("corosync is not running", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_is_not_a_member_is_not_found()
    {
        using var client = server.RootClient();
        Assert.Equal(HttpStatusCode.NotFound, (await ApiServerFixture.GetAsync(client, "nodes/pve2/corosync/links")).Status);
    }

    public sealed class KnetServer : ApiServerFixture
    {
        public GivenStats Source { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IKnetLinkStatsSource>(Source);
    }

    /// <summary>Figures set by the test, or the failure corosync would raise.</summary>
    public sealed class GivenStats : IKnetLinkStatsSource
    {
        public IReadOnlyList<KnetLinkStats> Stats { get; set; } = [];

        public CorosyncException? Failure { get; set; }

        public IReadOnlyList<KnetLinkStats> Read() => Failure is { } failure ? throw failure : Stats;
    }
}
