using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class EditorTests
{
    private static CorosyncConfig TwoLinkLab() => TestConfigs.Parse(TestConfigs.ReadFixture("lab-3node-2links.conf"));

    private static CorosyncConfEditException Refused(Func<CorosyncConfig> edit) => Assert.Throws<CorosyncConfEditException>(edit);

    [Fact]
    public void Lowest_free_nodeid_fills_gaps()
    {
        var config = TestConfigs.ThreeWith("nodeid: 2", "nodeid: 5");

        Assert.Equal(2UL, CorosyncConfEditor.LowestFreeNodeId(config));
        var added = CorosyncConfEditor.AddNode(config, "delta", new Dictionary<int, string> { [0] = "10.0.0.4" });
        Assert.Equal(2UL, added.FindNode("delta")!.NodeId);
        Assert.Equal(4UL, CorosyncConfEditor.LowestFreeNodeId(added));
    }

    [Fact]
    public void Add_node_writes_a_full_node_block_and_leaves_input_untouched()
    {
        var original = TestConfigs.Three();
        var before = original.Write();

        var added = CorosyncConfEditor.AddNode(original, "delta", new Dictionary<int, string> { [0] = "10.0.0.4" }, votes: 2, nodeId: 9);

        Assert.Equal(before, original.Write());
        Assert.Contains("  node {\n    name: delta\n    nodeid: 9\n    quorum_votes: 2\n    ring0_addr: 10.0.0.4\n  }\n}\n", added.Write(),
            StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(added));
    }

    [Fact]
    public void Add_node_refuses_bad_input()
    {
        var config = TestConfigs.Three();
        var link0 = new Dictionary<int, string> { [0] = "10.0.0.9" };

        Assert.Contains("already exists", Refused(() => CorosyncConfEditor.AddNode(config, "BETA", link0)).Message, StringComparison.Ordinal);
        Assert.Contains("already used by node 'gamma'",
            Refused(() => CorosyncConfEditor.AddNode(config, "x", link0, nodeId: 3)).Message, StringComparison.Ordinal);
        Assert.Contains("already used by node 'alpha' on link 0",
            Refused(() => CorosyncConfEditor.AddNode(config, "x", new Dictionary<int, string> { [0] = "10.0.0.1" })).Message,
            StringComparison.Ordinal);
        Assert.Contains("exactly the cluster's links (0)",
            Refused(() => CorosyncConfEditor.AddNode(config, "x", new Dictionary<int, string> { [0] = "10.0.0.9", [1] = "10.1.0.9" }))
                .Message, StringComparison.Ordinal);
        Assert.Contains("whitespace", Refused(() => CorosyncConfEditor.AddNode(config, "two words", link0)).Message,
            StringComparison.Ordinal);
        Assert.Contains("at least one link",
            Refused(() => CorosyncConfEditor.AddNode(config, "x", new Dictionary<int, string>())).Message, StringComparison.Ordinal);
        Assert.Contains("0 to 7", Refused(() => CorosyncConfEditor.AddNode(config, "x", new Dictionary<int, string> { [8] = "10.8.0.1" }))
            .Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<ArgumentException>(Refused(() => CorosyncConfEditor.AddNode(config, "x", link0, nodeId: 0)));
    }

    [Fact]
    public void Remove_node_by_name()
    {
        var removed = CorosyncConfEditor.RemoveNode(TestConfigs.Three(), "Beta");

        Assert.Equal(["alpha", "gamma"], removed.Nodes.Select(n => n.Name));
        Assert.Contains("no node 'nobody'", Refused(() => CorosyncConfEditor.RemoveNode(removed, "nobody")).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void No_edit_writes_two_node_whatever_the_node_count()
    {
        // With two_node: 1 votequorum gives two nodes a quorum of 1: after a split both halves stay quorate.
        var two = CorosyncConfEditor.RemoveNode(TestConfigs.Three(), "gamma");
        Assert.Null(two.Quorum!.TwoNode);
        Assert.DoesNotContain("two_node", two.Write(), StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(two));

        var three = CorosyncConfEditor.AddNode(two, "gamma2", new Dictionary<int, string> { [0] = "10.0.0.30" });
        Assert.Null(three.Quorum!.TwoNode);
        var backToTwo = CorosyncConfEditor.RemoveNode(three, "gamma2");
        Assert.Null(backToTwo.Quorum!.TwoNode);

        var one = CorosyncConfEditor.RemoveNode(two, "alpha");
        Assert.Null(one.Quorum!.TwoNode);
        Assert.Contains("last node", Refused(() => CorosyncConfEditor.RemoveNode(one, "beta")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gamma")]
    [InlineData(null)]
    public void An_edit_of_a_config_with_two_node_removes_it(string? removedNode)
    {
        var withFlag = TestConfigs.ThreeWith("provider: corosync_votequorum", "provider: corosync_votequorum\n  two_node: 1");
        var two = removedNode is null ? withFlag : CorosyncConfEditor.RemoveNode(withFlag, removedNode);

        var edited = removedNode is null ? CorosyncConfEditor.RemoveTwoNode(two) : two;

        Assert.Null(edited.Quorum!.TwoNode);
        Assert.DoesNotContain("two_node", edited.Write(), StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(edited));
    }

    [Fact]
    public void Quorum_device_replaces_two_node_and_clearing_it_does_not_bring_two_node_back()
    {
        var two = CorosyncConfEditor.RemoveNode(TestConfigs.Three(), "gamma");

        var withDevice = CorosyncConfEditor.SetQuorumDevice(two, new QuorumDeviceSettings("198.18.0.100"));

        Assert.Null(withDevice.Quorum!.TwoNode);
        Assert.Contains("quorum {\n  provider: corosync_votequorum\n  device {\n    model: net\n    votes: 1\n    net {\n"
            + "      algorithm: ffsplit\n      host: 198.18.0.100\n      tls: on\n    }\n  }\n}\n", withDevice.Write(), StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(withDevice));
        Assert.Contains("remove the QDevice first",
            Refused(() => CorosyncConfEditor.AddNode(withDevice, "x", new Dictionary<int, string> { [0] = "10.0.0.9" })).Message,
            StringComparison.Ordinal);

        var cleared = CorosyncConfEditor.ClearQuorumDevice(withDevice);
        Assert.Null(cleared.Quorum!.Device);
        Assert.Null(cleared.Quorum.TwoNode);
        Assert.Contains("No quorum device", Refused(() => CorosyncConfEditor.ClearQuorumDevice(cleared)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quorum_device_settings_are_checked()
    {
        var config = TestConfigs.Three();

        Refused(() => CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("qnetd", Algorithm: "2nodes")));
        Refused(() => CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("qnetd", Tls: "yes")));
        Refused(() => CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("")));
        Refused(() => CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("qnetd", TieBreaker: "first")));
    }

    [Fact]
    public void Add_link_adds_interface_and_every_ring_address()
    {
        var config = TestConfigs.Three();

        var added = CorosyncConfEditor.AddLink(config, 1, 10,
            new Dictionary<string, string> { ["alpha"] = "10.1.0.1", ["beta"] = "10.1.0.2", ["gamma"] = "10.1.0.3" });

        Assert.Equal([0, 1], added.Totem!.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal(10, added.Totem.FindInterface(1)!.KnetLinkPriority);
        Assert.All(added.Nodes, n => Assert.Equal([0, 1], n.LinkAddresses.Keys));
        Assert.Contains("    ring0_addr: 10.0.0.2\n    ring1_addr: 10.1.0.2\n", added.Write(), StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(added));
    }

    [Fact]
    public void Add_link_refuses_bad_input()
    {
        var config = TestConfigs.Three();
        var all = new Dictionary<string, string> { ["alpha"] = "10.1.0.1", ["beta"] = "10.1.0.2", ["gamma"] = "10.1.0.3" };

        Assert.Contains("already exists", Refused(() => CorosyncConfEditor.AddLink(config, 0, null, all)).Message, StringComparison.Ordinal);
        Assert.Contains("missing: gamma", Refused(() => CorosyncConfEditor.AddLink(config, 1, null,
            new Dictionary<string, string> { ["alpha"] = "10.1.0.1", ["beta"] = "10.1.0.2" })).Message, StringComparison.Ordinal);
        Assert.Contains("unknown: zeta", Refused(() => CorosyncConfEditor.AddLink(config, 1, null,
            new Dictionary<string, string>(all) { ["zeta"] = "10.1.0.9" })).Message, StringComparison.Ordinal);
        Assert.Contains("from 0 to 255", Refused(() => CorosyncConfEditor.AddLink(config, 1, 256, all)).Message, StringComparison.Ordinal);
        Assert.Contains("0 to 7", Refused(() => CorosyncConfEditor.AddLink(config, 9, null, all)).Message, StringComparison.Ordinal);
        Assert.Contains("already used by node 'alpha'", Refused(() => CorosyncConfEditor.AddLink(config, 1, null,
            new Dictionary<string, string>(all) { ["gamma"] = "10.0.0.1" })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Remove_link_drops_interface_and_ring_addresses_but_never_the_last_link()
    {
        var removed = CorosyncConfEditor.RemoveLink(TwoLinkLab(), 0);

        var text = removed.Write();
        Assert.DoesNotContain("ring0_addr", text, StringComparison.Ordinal);
        Assert.DoesNotContain("linknumber: 0", text, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(removed.Totem!.Interfaces).LinkNumber);
        Assert.Empty(CorosyncConfValidator.Validate(removed));
        Assert.Contains("only link", Refused(() => CorosyncConfEditor.RemoveLink(removed, 1)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Refused(() => CorosyncConfEditor.RemoveLink(removed, 0)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_node_link_address()
    {
        var config = TwoLinkLab();

        var changed = CorosyncConfEditor.SetNodeLinkAddress(config, "n2", 1, "198.18.1.22");

        Assert.Equal("198.18.1.22", changed.FindNode("n2")!.GetLinkAddress(1));
        Assert.Equal("198.18.1.2", config.FindNode("n2")!.GetLinkAddress(1));
        CorosyncConfEditor.SetNodeLinkAddress(config, "n2", 1, "198.18.1.2");
        Assert.Contains("already used by node 'n3'",
            Refused(() => CorosyncConfEditor.SetNodeLinkAddress(config, "n2", 1, "198.18.1.3")).Message, StringComparison.Ordinal);
        Assert.Contains("no address on link 2",
            Refused(() => CorosyncConfEditor.SetNodeLinkAddress(config, "n2", 2, "198.18.2.2")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Set_link_priority_and_clear_it()
    {
        var config = TwoLinkLab();

        var raised = CorosyncConfEditor.SetLinkPriority(config, 1, 50);
        var cleared = CorosyncConfEditor.SetLinkPriority(raised, 1, null);

        Assert.Equal(50, raised.Totem!.FindInterface(1)!.KnetLinkPriority);
        Assert.Null(cleared.Totem!.FindInterface(1)!.KnetLinkPriority);
        Refused(() => CorosyncConfEditor.SetLinkPriority(config, 3, 5));
        Refused(() => CorosyncConfEditor.SetLinkPriority(config, 1, -1));
    }

    [Fact]
    public void Bump_config_version()
    {
        var bumped = CorosyncConfEditor.BumpConfigVersion(TestConfigs.Three());

        Assert.Equal(8UL, bumped.Totem!.ConfigVersion);
        Assert.Contains("not a non-negative integer",
            Refused(() => CorosyncConfEditor.BumpConfigVersion(TestConfigs.ThreeWith("config_version: 7", "config_version: x"))).Message,
            StringComparison.Ordinal);
        Assert.Contains("missing",
            Refused(() => CorosyncConfEditor.BumpConfigVersion(TestConfigs.ThreeWith("  config_version: 7\n", ""))).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_sections_and_comments_survive_every_edit()
    {
        var text = TestConfigs.ThreeNodes
            .Replace("  secauth: on\n", "  secauth: on\n  # tuned by hand\n  token: 5000\n  knet_compression_model: zlib\n", StringComparison.Ordinal)
            .Replace("    ring0_addr: 10.0.0.1\n", "    ring0_addr: 10.0.0.1\n    custom_node_key: x\n", StringComparison.Ordinal)
            + "system {\n  sched_rr: yes\n}\n";
        var config = TestConfigs.Parse(text);

        config = CorosyncConfEditor.AddNode(config, "delta", new Dictionary<int, string> { [0] = "10.0.0.4" });
        config = CorosyncConfEditor.AddLink(config, 1, 5, new Dictionary<string, string>
        {
            ["alpha"] = "10.1.0.1", ["beta"] = "10.1.0.2", ["gamma"] = "10.1.0.3", ["delta"] = "10.1.0.4",
        });
        config = CorosyncConfEditor.RemoveNode(config, "beta");
        config = CorosyncConfEditor.SetLinkPriority(config, 0, 20);
        config = CorosyncConfEditor.RemoveLink(config, 1);
        config = CorosyncConfEditor.BumpConfigVersion(config);

        var written = config.Write();
        Assert.Contains("  # tuned by hand\n  token: 5000\n  knet_compression_model: zlib\n", written, StringComparison.Ordinal);
        Assert.Contains("    custom_node_key: x\n", written, StringComparison.Ordinal);
        Assert.Contains("system {\n  sched_rr: yes\n}\n", written, StringComparison.Ordinal);
        Assert.Contains("  to_syslog: yes\n", written, StringComparison.Ordinal);
        Assert.Equal(8UL, config.Totem!.ConfigVersion);
        Assert.Empty(CorosyncConfValidator.Validate(config));
    }

    [Fact]
    public void Link_edits_of_a_nameless_node_keep_its_identity_by_adding_the_name()
    {
        var config = TestConfigs.ThreeWith("    name: beta\n", "");

        var readdressed = CorosyncConfEditor.SetNodeLinkAddress(config, "10.0.0.2", 0, "10.0.0.22");

        Assert.Contains("  node {\n    name: 10.0.0.2\n    nodeid: 2\n    quorum_votes: 1\n    ring0_addr: 10.0.0.22\n  }", readdressed.Write(),
            StringComparison.Ordinal);
        Assert.Empty(CorosyncConfValidator.Validate(readdressed));
        Assert.Null(config.Nodes[1].ConfiguredName);
    }

    [Fact]
    public void Adding_a_link_works_with_nameless_nodes()
    {
        var config = TestConfigs.ThreeWith("    name: beta\n", "");

        var added = CorosyncConfEditor.AddLink(config, 1, 20, new Dictionary<string, string>
        {
            ["alpha"] = "10.1.0.1", ["10.0.0.2"] = "10.1.0.2", ["gamma"] = "10.1.0.3",
        });

        Assert.Equal("10.1.0.2", added.FindNode("10.0.0.2")!.GetLinkAddress(1));
        Assert.Equal("10.0.0.2", added.Nodes[1].ConfiguredName);
        Assert.Empty(TestConfigs.Errors(added));
    }

    [Fact]
    public void Removing_link0_keeps_a_nameless_node_named()
    {
        var config = CorosyncConfEditor.AddLink(TestConfigs.Three(), 1, null, new Dictionary<string, string>
        {
            ["alpha"] = "10.1.0.1", ["beta"] = "10.1.0.2", ["gamma"] = "10.1.0.3",
        });
        config = TestConfigs.Parse(config.Write().Replace("    name: beta\n", "", StringComparison.Ordinal));

        var removed = CorosyncConfEditor.RemoveLink(config, 0);

        Assert.Equal("10.1.0.2", removed.FindNode("10.0.0.2")!.GetLinkAddress(1));
    }
}
