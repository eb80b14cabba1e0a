using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PveCluster.Api.Cluster;
using PveCluster.Core.Quorum;
using PveCluster.Corosync;
using PveCluster.Corosync.Votequorum;

namespace PveCluster.Api.Tests;

/// <summary>
/// GET /nodes/{node}/corosync/quorum over given votequorum figures (the real libvotequorum read is covered by the lab
/// test GuiClusterTests, which sets an override with pvecm expected and reads it back in the browser).
/// </summary>
public sealed class CorosyncQuorumTests(CorosyncQuorumTests.VotequorumServer server)
    : IClassFixture<CorosyncQuorumTests.VotequorumServer>, IDisposable
{
    private const string TwoNodes = """
        nodelist {
          node {
            name: testnode
            nodeid: 1
            ring0_addr: 192.0.2.11
          }
          node {
            name: pve2
            nodeid: 2
            quorum_votes: 2
            ring0_addr: 192.0.2.12
          }
        }

        quorum {
          provider: corosync_votequorum
        }

        totem {
          cluster_name: lab
          config_version: 3
          version: 2
        }
        """;

    private const string WithQdevice = """
        nodelist {
          node {
            name: testnode
            nodeid: 1
            ring0_addr: 192.0.2.11
          }
          node {
            name: pve2
            nodeid: 2
            ring0_addr: 192.0.2.12
          }
        }

        quorum {
          provider: corosync_votequorum
          device {
            model: net
            net {
              algorithm: ffsplit
              host: 192.0.2.50
            }
          }
        }

        totem {
          cluster_name: lab
          config_version: 4
          version: 2
        }
        """;

    public void Dispose()
    {
        File.Delete(server.PveDir.CorosyncConf);
        server.Source.Failure = null;
    }

    [Fact]
    public async Task Votequorum_figures_and_a_pvecm_expected_override_next_to_the_configured_votes()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, TwoNodes);
        // pvecm expected 4 on a partition of both nodes (3 votes): quorum 3, still quorate.
        server.Source.Reading = new VotequorumReading(
            Info(1, VotequorumNodeState.Member, votes: 1, expected: 4, total: 3, quorum: 3, VotequorumFlags.Quorate),
            new Dictionary<uint, VotequorumInfo>
            {
                [1] = Info(1, VotequorumNodeState.Member, votes: 1, expected: 4, total: 3, quorum: 3, VotequorumFlags.Quorate),
                [2] = Info(2, VotequorumNodeState.Member, votes: 2, expected: 4, total: 3, quorum: 3, VotequorumFlags.Quorate),
            });
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/quorum");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"nodeid":1,"quorate":1,"expected_votes":4,"highest_expected":4,"total_votes":3,"quorum":3,"config_expected_votes":3"""
            + ""","flags":["Quorate"],"nodes":[{"nodeid":1,"name":"testnode","votes":1,"state":"member","local":1},"""
            + """{"nodeid":2,"name":"pve2","votes":2,"state":"member","local":0}]}""",
            body["data"]!.ToJsonString());
        Assert.Equal([1u, 2u], server.Source.AskedFor);
    }

    [Fact]
    public async Task A_node_votequorum_has_not_seen_keeps_its_configured_votes_and_state_unknown()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, TwoNodes);
        server.Source.Reading = new VotequorumReading(
            Info(1, VotequorumNodeState.Member, votes: 1, expected: 3, total: 1, quorum: 2, VotequorumFlags.None),
            new Dictionary<uint, VotequorumInfo> { [1] = Info(1, VotequorumNodeState.Member, 1, 3, 1, 2, VotequorumFlags.None) });
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/quorum");

        Assert.Equal(0, body["data"]!["quorate"]!.GetValue<int>());
        var pve2 = body["data"]!["nodes"]![1]!;
        Assert.Equal(2, pve2["votes"]!.GetValue<int>());
        Assert.Equal("unknown", pve2["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_configured_qdevice_shows_whether_it_is_registered_alive_and_voting()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, WithQdevice);
        var flags = VotequorumFlags.Quorate | VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceAlive | VotequorumFlags.QdeviceCastVote;
        server.Source.Reading = new VotequorumReading(
            Info(1, VotequorumNodeState.Member, votes: 1, expected: 3, total: 3, quorum: 2, flags) with { QdeviceVotes = 1, QdeviceName = "Qdevice" },
            new Dictionary<uint, VotequorumInfo>());
        using var client = server.RootClient();
        var (_, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/quorum");

        Assert.Equal(3, body["data"]!["config_expected_votes"]!.GetValue<int>());
        Assert.Equal(
            """{"name":"Qdevice","votes":1,"registered":1,"alive":1,"cast_vote":1,"master_wins":0}""",
            body["data"]!["qdevice"]!.ToJsonString());

        // corosync-qdevice stopped: configured, but votequorum has no device.
        server.Source.Reading = server.Source.Reading with { Local = server.Source.Reading.Local with { Flags = VotequorumFlags.None } };
        (_, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/quorum");
        Assert.Equal("""{"name":null,"votes":1,"registered":0,"alive":0,"cast_vote":0,"master_wins":0}""", body["data"]!["qdevice"]!.ToJsonString());
    }

    [Fact]
    public async Task Standalone_node_has_no_quorum_figures()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/testnode/corosync/quorum");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body["data"]!.AsObject());
    }

    [Fact]
    public async Task Corosync_not_running_is_a_clear_error()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, TwoNodes);
        server.Source.Failure = new CorosyncException(CsError.Library, "votequorum_initialize");
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "nodes/localhost/corosync/quorum");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("corosync is not running", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static VotequorumInfo Info(uint id, VotequorumNodeState state, uint votes, uint expected, uint total, uint quorum, VotequorumFlags flags) =>
        new(id, state, votes, expected, expected, total, quorum, flags, 0, "");

    public sealed class VotequorumServer : ApiServerFixture
    {
        public GivenVotequorum Source { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IVotequorumSource>(Source);
    }

    /// <summary>Figures set by the test, or the failure corosync would raise.</summary>
    public sealed class GivenVotequorum : IVotequorumSource
    {
        public VotequorumReading Reading { get; set; } = new(new VotequorumInfo(1, VotequorumNodeState.Member, 1, 1, 1, 1, 1, VotequorumFlags.Quorate, 0, ""), new Dictionary<uint, VotequorumInfo>());

        public CorosyncException? Failure { get; set; }

        public IReadOnlyCollection<uint> AskedFor { get; private set; } = [];

        public VotequorumReading Read(IReadOnlyCollection<uint> nodeIds)
        {
            AskedFor = nodeIds;
            return Failure is { } failure ? throw failure : Reading;
        }
    }
}
