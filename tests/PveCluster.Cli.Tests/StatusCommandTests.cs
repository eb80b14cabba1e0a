using System.Text.Json;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests;

public class StatusCommandTests
{
    [Fact]
    public void Text_output_is_the_cluster_header_followed_by_quorumtool_siH()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.ThreeNodesQuorate()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("status"));

        var expected = string.Join('\n',
            "Cluster information",
            "-------------------",
            "Name:             labcluster",
            "Config Version:   1",
            "Transport:        knet",
            "Secure auth:      on",
            "",
            "Quorum information",
            "------------------",
            "Date:             Thu Nov 26 06:46:26 2026",
            "Quorum provider:  corosync_votequorum",
            "Nodes:            3",
            "Node ID:          0x00000001",
            "Ring ID:          1.9",
            "Quorate:          Yes",
            "",
            "Votequorum information",
            "----------------------",
            "Expected votes:   3",
            "Highest expected: 3",
            "Total votes:      3",
            "Quorum:           2  ",
            "Flags:            Quorate ",
            "",
            "Membership information",
            "----------------------",
            "    Nodeid      Votes Name",
            "0x00000001          1 198.18.0.1 (local)",
            "0x00000002          1 198.18.0.2",
            "0x00000003          1 198.18.0.3",
            "");
        Assert.Equal(expected, pvecm.Out.ToString());
        Assert.Empty(pvecm.Error.ToString());
    }

    [Fact]
    public void An_inquorate_partition_shows_activity_blocked_and_still_exits_0()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.IsolatedNode3()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("status"));

        var text = pvecm.Out.ToString();
        Assert.Contains("Quorate:          No\n", text, StringComparison.Ordinal);
        Assert.Contains("Quorum:           2 Activity blocked\n", text, StringComparison.Ordinal);
        Assert.Contains("0x00000003          1 198.18.0.3 (local)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_output_carries_cluster_and_quorum()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.ThreeNodesQuorate()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("status", "--output-format", "json"));

        using var json = JsonDocument.Parse(pvecm.Out.ToString());
        var root = json.RootElement;
        Assert.Equal("labcluster", root.GetProperty("cluster").GetProperty("name").GetString());
        Assert.Equal("on", root.GetProperty("cluster").GetProperty("secureAuth").GetString());
        var quorum = root.GetProperty("quorum");
        Assert.True(quorum.GetProperty("quorate").GetBoolean());
        Assert.Equal("1.9", quorum.GetProperty("ringId").GetString());
        Assert.Equal(3, quorum.GetProperty("members").GetArrayLength());
        Assert.True(quorum.GetProperty("members")[0].GetProperty("local").GetBoolean());
    }

    [Fact]
    public void Without_corosync_conf_the_node_is_not_in_a_cluster_and_corosync_is_not_contacted()
    {
        using var pvecm = new PvecmRunner(hasConfig: false);

        Assert.Equal(ExitCodes.Failure, pvecm.Run("status"));

        Assert.Equal($"node is not in a cluster ({pvecm.ConfPath} does not exist)\n", pvecm.Error.ToString());
        Assert.Equal(0, pvecm.Connects);
        Assert.Empty(pvecm.Out.ToString());
    }

    [Fact]
    public void Corosync_not_running_is_one_clear_line()
    {
        using var pvecm = new PvecmRunner
        {
            Connect = () => throw PveCluster.Lifecycle.LifecycleException.CorosyncNotRunning(
                "CMAP", new PveCluster.Corosync.CorosyncException(PveCluster.Corosync.CsError.Library, "cmap_initialize_map")),
        };

        Assert.Equal(ExitCodes.Failure, pvecm.Run("status"));

        Assert.Equal(
            "corosync is not running on this node (cannot connect to the CMAP service) — is this node part of a cluster?\n",
            pvecm.Error.ToString());
    }

    [Fact]
    public void The_connection_is_closed_after_the_command()
    {
        var cluster = new FakeCluster(FakeCluster.ThreeNodesQuorate());
        using var pvecm = new PvecmRunner(cluster);

        pvecm.Run("status");

        Assert.True(cluster.Disposed);
    }

    [Theory]
    [InlineData("status", "--output-format", "yaml")]
    [InlineData("status", "--bogus")]
    [InlineData("frobnicate")]
    [InlineData]
    public void Usage_errors_exit_2_without_touching_corosync(params string[] args)
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.ThreeNodesQuorate()));

        Assert.Equal(ExitCodes.Usage, pvecm.Run(args));

        Assert.Contains("pvecm --help", pvecm.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, pvecm.Connects);
    }
}
