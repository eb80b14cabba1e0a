using PveCluster.Lab.Cluster;
using PveCluster.Lab.Naming;

namespace PveCluster.Lab.Tests;

/// <summary>The host-free parts of the lab's services: which node/link numbers exist, and how fault rules are recognised.</summary>
public sealed class LabClusterServicesTests
{
    [Fact]
    public void Topology_accepts_the_qnetd_host_only_when_the_lab_has_one()
    {
        var plain = new LabTopology(new LabOptions { NodeCount = 2 });
        var withQnetd = new LabTopology(new LabOptions { NodeCount = 2, Qnetd = true });

        Assert.Equal([1, 2], plain.Hosts);
        Assert.Equal([1, 2, LabNames.QnetdHost], withQnetd.Hosts);
        Assert.Equal(LabNames.QnetdHost, withQnetd.CheckNode(LabNames.QnetdHost));
        var error = Assert.Throws<LabException>(() => plain.CheckNode(LabNames.QnetdHost));
        Assert.Contains("nodes 1..2", error.Message, StringComparison.Ordinal);
        Assert.Throws<LabException>(() => plain.CheckNode(3));
        Assert.Throws<LabException>(() => plain.CheckNode(0));
    }

    [Fact]
    public void Topology_expands_a_missing_link_to_every_link_and_refuses_a_link_it_lacks()
    {
        var topology = new LabTopology(new LabOptions { NodeCount = 3, Links = 2 });

        Assert.Equal([0, 1], topology.LinksOf(null));
        Assert.Equal([1], topology.LinksOf(1));
        var error = Assert.Throws<LabException>(() => topology.LinksOf(2).ToList());
        Assert.Contains("links 0..1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_is_recognised_only_on_its_own_link_and_only_with_the_lab_comment()
    {
        string[] rules =
        [
            "-P OUTPUT ACCEPT",
            $"-A OUTPUT -o {LabNames.NodeInterface(1)} -m comment --comment pvelab-cut -j DROP",
            $"-A OUTPUT -o {LabNames.NodeInterface(0)} -j DROP",
        ];

        Assert.True(LinkFaults.IsDropped(rules, 1));
        Assert.False(LinkFaults.IsDropped(rules, 0));
    }

    [Fact]
    public void A_delay_is_recognised_by_its_links_queue()
    {
        string[] rules = [$"-A OUTPUT -o {LabNames.NodeInterface(0)} -j NFQUEUE --queue-num 100 --queue-bypass"];

        Assert.True(PacketDelays.IsDelayed(rules, 0));
        Assert.False(PacketDelays.IsDelayed(rules, 1));
        Assert.False(PacketDelays.IsDelayed([$"-A OUTPUT -o {LabNames.NodeInterface(1)} -j NFQUEUE --queue-num 100 --queue-bypass"], 1));
    }
}
