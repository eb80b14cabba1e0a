using PveCluster.Corosync.Cmap;

namespace PveCluster.Corosync.Tests.Cmap;

/// <summary>Key shapes copied from corosync-cmapctl output in the lab.</summary>
public class CmapSectionsTests
{
    [Fact]
    public void Nodelist_groups_by_position_and_orders_ring_addresses_by_link()
    {
        CmapEntry[] entries =
        [
            new("nodelist.local_node_pos", 0u),
            new("nodelist.node.0.name", "n1"),
            new("nodelist.node.0.nodeid", 1u),
            new("nodelist.node.0.quorum_votes", 1u),
            new("nodelist.node.0.ring0_addr", "198.18.0.1"),
            new("nodelist.node.0.ring1_addr", "198.18.1.1"),
            new("nodelist.node.1.nodeid", 2u),
            new("nodelist.node.1.ring0_addr", "198.18.0.2"),
            new("nodelist.node.1.quorum_votes", 3u),
            new("nodelist.node.2.name", "no-id"),
        ];

        var nodes = CmapSections.ToNodelist(entries);

        Assert.Equal(2, nodes.Count);
        Assert.Equal(new CmapNodelistNode(0, 1, "n1", 1, nodes[0].RingAddresses), nodes[0]);
        Assert.Equal(["198.18.0.1", "198.18.1.1"], nodes[0].RingAddresses);
        Assert.Null(nodes[1].Name);
        Assert.Equal(3u, nodes[1].QuorumVotes);
        Assert.Equal(["198.18.0.2"], nodes[1].RingAddresses);
    }

    [Fact]
    public void Missing_quorum_votes_default_to_one_like_corosync()
    {
        var node = Assert.Single(CmapSections.ToNodelist([new("nodelist.node.0.nodeid", 7u)]));
        Assert.Equal(1u, node.QuorumVotes);
        Assert.Empty(node.RingAddresses);
    }

    [Fact]
    public void Runtime_members_are_parsed_and_sorted_by_node_id()
    {
        CmapEntry[] entries =
        [
            new("runtime.members.3.status", "left"),
            new("runtime.members.3.join_count", 2u),
            new("runtime.members.1.config_version", 4ul),
            new("runtime.members.1.ip", "r(0) ip(198.18.0.1) "),
            new("runtime.members.1.join_count", 1u),
            new("runtime.members.1.status", "joined"),
        ];

        var members = CmapSections.ToRuntimeMembers(entries);

        Assert.Equal(
            [new RuntimeMember(1, "joined", "r(0) ip(198.18.0.1)", 1, 4), new RuntimeMember(3, "left", null, 2, null)],
            members);
    }

    [Fact]
    public void Totem_reads_typed_keys_and_leaves_missing_ones_null()
    {
        CmapEntry[] entries =
        [
            new("totem.cluster_name", "labcluster"),
            new("totem.config_version", 9ul),
            new("totem.transport", "knet"),
            new("totem.interface.0.bindnetaddr", "198.18.0.1"),
        ];

        var totem = CmapSections.ToTotem(entries);

        Assert.Equal(new TotemInfo("labcluster", 9, "knet", null, null, null, null, null), totem);
    }

    [Fact]
    public void Knet_link_stats_are_grouped_per_node_and_link()
    {
        CmapEntry[] entries =
        [
            new("stats.knet.node2.link0.connected", (byte)1),
            new("stats.knet.node2.link0.enabled", (byte)1),
            new("stats.knet.node2.link0.mtu", 1397u),
            new("stats.knet.node2.link0.latency_ave", 135u),
            new("stats.knet.node2.link1.connected", (byte)0),
            new("stats.knet.node2.link1.enabled", (byte)1),
            new("stats.knet.handle.tx_crypt_packets", 5ul),
        ];

        var links = CmapSections.ToKnetLinks(entries);

        Assert.Equal(
            [new KnetLinkStats(2, 0, true, true, 1397, 135), new KnetLinkStats(2, 1, true, false, null, null)],
            links);
    }
}
