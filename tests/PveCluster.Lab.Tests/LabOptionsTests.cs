using PveCluster.Core.CorosyncConf;
using PveCluster.Lab.Config;
using PveCluster.Lab.Network;

namespace PveCluster.Lab.Tests;

public sealed class LabOptionsTests
{
    [Theory]
    [InlineData(0, 1, "node count")]
    [InlineData(3, 3, "--links")]
    public void Impossible_shapes_are_refused_with_the_option_named(int nodes, int links, string named)
    {
        var error = Assert.Throws<LabException>(() => new LabOptions { NodeCount = nodes, Links = links }.Validate());
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Priorities_must_match_the_links()
    {
        var error = Assert.Throws<LabException>(() => new LabOptions { Links = 2, LinkPriorities = [20] }.Validate());
        Assert.Contains("--prio", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_corosync_conf_has_every_node_link_priority_and_token()
    {
        var options = new LabOptions { NodeCount = 3, Links = 2, LinkPriorities = [20, 15], TokenMs = 1000 };
        var text = LabCorosyncConf.Render(options, new LabAddressing(7), configVersion: 4);
        var config = CorosyncConfig.Parse(text);

        Assert.Equal(["n1", "n2", "n3"], config.Nodes.Select(n => n.Name));
        Assert.Equal([1UL, 2UL, 3UL], config.Nodes.Select(n => n.NodeId));
        Assert.Contains("ring1_addr: 198.19.7.3", text, StringComparison.Ordinal);
        Assert.Equal(1000, config.Totem!.Token);
        Assert.Equal(4UL, config.Totem.ConfigVersion);
        Assert.Equal([20, 15], config.Totem.Interfaces.OrderBy(i => i.LinkNumber).Select(i => i.KnetLinkPriority));
        Assert.Null(config.Quorum!.TwoNode);
        Assert.Equal(LabCorosyncConf.LogFile, config.Logging!.GetValue("logfile"));
    }

    [Fact]
    public void Two_nodes_get_no_two_node_like_pvecm_unless_asked_for()
    {
        var addressing = new LabAddressing(7);
        Assert.Null(CorosyncConfig.Parse(LabCorosyncConf.Render(new LabOptions { NodeCount = 2 }, addressing, 1)).Quorum!.TwoNode);
        Assert.True(CorosyncConfig.Parse(LabCorosyncConf.Render(new LabOptions { NodeCount = 2, TwoNode = true }, addressing, 1)).Quorum!.TwoNode);
    }
}
