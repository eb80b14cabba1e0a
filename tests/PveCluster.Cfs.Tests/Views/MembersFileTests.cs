using System.Text.Json;
using PveCluster.Cfs.Tests.Fuse;

namespace PveCluster.Cfs.Tests.Views;

public sealed class MembersFileTests : IDisposable
{
    private const string ThreeNodes = """
        totem {
          version: 2
          cluster_name: lab
          config_version: 7
          interface {
            linknumber: 0
          }
        }
        nodelist {
          node {
            name: n1
            nodeid: 1
            quorum_votes: 1
            ring0_addr: 10.0.0.1
          }
          node {
            name: n2
            nodeid: 2
            quorum_votes: 1
            ring0_addr: 10.0.0.2
          }
          node {
            name: n3
            nodeid: 3
            quorum_votes: 1
            ring0_addr: 10.0.0.3
          }
        }
        quorum {
          provider: corosync_votequorum
        }
        """;

    private readonly FileSystemFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Without_a_cluster_only_the_node_name_and_version_are_shown()
    {
        using var json = JsonDocument.Parse(_fixture.ReadAll("/.members"));
        var root = json.RootElement;

        Assert.Equal("n1", root.GetProperty("nodename").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.TryGetProperty("cluster", out _));
        Assert.False(root.TryGetProperty("nodelist", out _));
    }

    [Fact]
    public void With_a_cluster_every_node_has_id_online_flag_and_ip()
    {
        _fixture.Tree.Seed("/corosync.conf", ThreeNodes);
        _fixture.Membership.SetOnline([1, 2]);
        _fixture.Membership.SetQuorate(true);

        using var json = JsonDocument.Parse(_fixture.ReadAll("/.members"));
        var root = json.RootElement;

        var cluster = root.GetProperty("cluster");
        Assert.Equal("lab", cluster.GetProperty("name").GetString());
        Assert.Equal(7, cluster.GetProperty("version").GetInt32());
        Assert.Equal(3, cluster.GetProperty("nodes").GetInt32());
        Assert.Equal(1, cluster.GetProperty("quorate").GetInt32());

        var nodes = root.GetProperty("nodelist");
        Assert.Equal(["n1", "n2", "n3"], nodes.EnumerateObject().Select(p => p.Name));
        Assert.Equal(2, nodes.GetProperty("n2").GetProperty("id").GetInt32());
        Assert.Equal(1, nodes.GetProperty("n2").GetProperty("online").GetInt32());
        Assert.Equal(0, nodes.GetProperty("n3").GetProperty("online").GetInt32());
        Assert.Equal("10.0.0.3", nodes.GetProperty("n3").GetProperty("ip").GetString());
    }

    [Fact]
    public void Version_moves_when_membership_or_config_changes_and_not_otherwise()
    {
        _fixture.Tree.Seed("/corosync.conf", ThreeNodes);
        _fixture.Membership.SetOnline([1]);
        var first = Version();
        Assert.Equal(first, Version());

        _fixture.Membership.SetOnline([1, 3]);
        var second = Version();
        Assert.True(second > first);

        _fixture.Tree.Seed("/corosync.conf", ThreeNodes.Replace("config_version: 7", "config_version: 8", StringComparison.Ordinal));
        Assert.True(Version() > second);
    }

    [Fact]
    public void An_unparsable_corosync_conf_is_treated_as_no_cluster()
    {
        _fixture.Tree.Seed("/corosync.conf", "totem {\n cluster_name: lab\n");

        using var json = JsonDocument.Parse(_fixture.ReadAll("/.members"));

        Assert.False(json.RootElement.TryGetProperty("cluster", out _));
    }

    private int Version()
    {
        using var json = JsonDocument.Parse(_fixture.ReadAll("/.members"));
        return json.RootElement.GetProperty("version").GetInt32();
    }
}
