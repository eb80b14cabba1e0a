using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class AddNodeCommandTests : IDisposable
{
    private readonly TestNode _node = new();

    public AddNodeCommandTests() => File.WriteAllText(_node.Paths.ClusterConf, ClusterConfs.ThreeNodes);

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Addnode_appends_the_node_with_the_lowest_free_id()
    {
        _node.Corosync = FakeCluster.Members(true, 1, 2, 3);

        Assert.Equal(0, _node.Run("addnode", "pve4", "--link0", "192.0.2.14"));

        var conf = CorosyncConfig.Parse(File.ReadAllText(_node.Paths.ClusterConf));
        var added = conf.FindNode("pve4");
        Assert.NotNull(added);
        Assert.Equal(4UL, added.NodeId);
        Assert.Equal("192.0.2.14", added.LinkAddresses[0]);
        Assert.True(Directory.Exists(Path.Combine(_node.Paths.NodeDirectory("pve4"), "priv")));
    }

    [Fact]
    public void Addnode_refuses_an_address_already_in_use()
    {
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.Equal(1, _node.Run("addnode", "pve4", "--link0", "192.0.2.12"));

        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Contains("already used by node 'pve2'", _node.Error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(_node.Paths.NodeDirectory("pve4")));
    }

    [Theory]
    [InlineData("4294967296")]
    [InlineData("18446744073709551615")]
    public void Addnode_refuses_votes_beyond_what_corosync_reads(string votes)
    {
        _node.Corosync = FakeCluster.Members(true, 1, 2, 3);
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.Equal(1, _node.Run("addnode", "pve4", "--link0", "192.0.2.14", "--votes", votes));

        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Contains($"votes {votes} is out of range: corosync accepts 0 to 2147483647", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("ff02::1")]
    public void Addnode_refuses_a_link_address_no_other_node_can_reach(string address)
    {
        var before = File.ReadAllText(_node.Paths.ClusterConf);

        Assert.NotEqual(0, _node.Run("addnode", "pve4", "--link0", address));

        Assert.Equal(before, File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Contains("a link needs this node's unicast address", _node.Error.ToString(), StringComparison.Ordinal);
    }
}
