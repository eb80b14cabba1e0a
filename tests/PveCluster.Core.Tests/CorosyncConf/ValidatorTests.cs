using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class ValidatorTests
{
    private static ConfDiagnostic SingleError(CorosyncConfig config) => Assert.Single(TestConfigs.Errors(config));

    private static void AssertSingleError(CorosyncConfig config, string expectedText, int? line = null)
    {
        var errors = TestConfigs.Errors(config);
        var error = Assert.Single(errors);
        Assert.Contains(expectedText, error.Message, StringComparison.Ordinal);
        if (line is not null)
        {
            Assert.Equal(line, error.Line);
        }
    }

    [Fact]
    public void Base_config_is_clean() => Assert.Empty(CorosyncConfValidator.Validate(TestConfigs.Three()));

    [Theory]
    [InlineData("totem")]
    [InlineData("nodelist")]
    [InlineData("quorum")]
    public void Missing_required_section(string section)
    {
        var config = TestConfigs.Three();
        config.Root.RemoveSections(section);

        Assert.Contains(TestConfigs.Errors(config), e => e.Message.Contains($"The '{section}' section is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_top_level_section() =>
        AssertSingleError(TestConfigs.Parse(TestConfigs.ThreeNodes + "quorum {\n  provider: corosync_votequorum\n}\n"),
            "The 'quorum' section appears 2 times");

    [Fact]
    public void Missing_config_version()
    {
        var config = TestConfigs.ThreeWith("  config_version: 7\n", "");

        AssertSingleError(config, "totem.config_version is missing", 30);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("7a")]
    [InlineData("1.5")]
    public void Config_version_must_be_non_negative_integer(string value) =>
        AssertSingleError(TestConfigs.ThreeWith("config_version: 7", $"config_version: {value}"),
            $"totem.config_version must be a non-negative integer, found '{value}'", 32);

    [Fact]
    public void Totem_version_must_be_2() =>
        AssertSingleError(TestConfigs.ThreeWith("  version: 2\n", "  version: 1\n"), "only accepts 2");

    [Fact]
    public void Cluster_name_required() =>
        AssertSingleError(TestConfigs.ThreeWith("  cluster_name: test\n", ""), "totem.cluster_name is missing");

    [Fact]
    public void Node_without_name_or_ring0_addr()
    {
        var config = TestConfigs.ThreeWith("    name: beta\n    nodeid: 2\n    quorum_votes: 1\n    ring0_addr: 10.0.0.2\n",
            "    nodeid: 2\n    quorum_votes: 1\n");

        Assert.Contains(TestConfigs.Errors(config), e => e.Message.Contains("node #2 has neither a name nor a ring0_addr", StringComparison.Ordinal));
    }

    [Fact]
    public void Node_without_name_is_known_by_its_ring0_addr()
    {
        // Older configurations (before PVE 5.1) have nodes without 'name:'; Proxmox reads ring0_addr as the name.
        var config = TestConfigs.ThreeWith("    name: beta\n", "");

        Assert.Empty(TestConfigs.Errors(config));
        var warning = Assert.Single(TestConfigs.Warnings(config));
        Assert.Contains("its ring0_addr '10.0.0.2' is taken as its name", warning.Message, StringComparison.Ordinal);
        Assert.Equal("10.0.0.2", config.Nodes[1].Name);
        Assert.Null(config.Nodes[1].ConfiguredName);
        Assert.Same(config.Nodes[1].Section, config.FindNode("10.0.0.2")!.Section);
    }

    [Fact]
    public void Node_without_nodeid() =>
        AssertSingleError(TestConfigs.ThreeWith("    nodeid: 2\n", ""), "node 'beta' has no nodeid", 12);

    [Theory]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("4294967296")]
    public void Nodeid_must_be_positive_32_bit(string value) =>
        AssertSingleError(TestConfigs.ThreeWith("nodeid: 2", $"nodeid: {value}"), $"has nodeid '{value}'", 14);

    [Fact]
    public void Duplicate_nodeid() =>
        AssertSingleError(TestConfigs.ThreeWith("nodeid: 3", "nodeid: 1"), "Duplicate nodeid '1': node 'alpha' and node 'gamma'", 20);

    [Fact]
    public void Duplicate_name_is_case_insensitive() =>
        AssertSingleError(TestConfigs.ThreeWith("name: gamma", "name: Alpha"), "Duplicate name 'Alpha'", 19);

    [Fact]
    public void Duplicate_address() =>
        AssertSingleError(TestConfigs.ThreeWith("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.1"), "Address '10.0.0.1' is used twice", 22);

    [Fact]
    public void Duplicate_address_across_links_is_found_too()
    {
        var config = TestConfigs.ThreeWith("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.3\n    ring1_addr: 10.0.0.2");
        config = CorosyncConfEditor.SetLinkPriority(AddInterface(config, 1), 1, 10);
        config.FindNode("alpha")!.SetLinkAddress(1, "10.1.0.1");
        config.FindNode("beta")!.SetLinkAddress(1, "10.1.0.2");

        AssertSingleError(config, "Address '10.0.0.2' is used twice (node 'beta' link 0 and node 'gamma' link 1)");
    }

    [Fact]
    public void Node_missing_a_link_that_others_use()
    {
        var config = AddInterface(TestConfigs.ThreeWith("ring0_addr: 10.0.0.3", "ring0_addr: 10.0.0.3\n    ring1_addr: 10.1.0.3"), 1);
        config.FindNode("alpha")!.SetLinkAddress(1, "10.1.0.1");

        AssertSingleError(config, "node 'beta' has no address for link(s) 1", 12);
    }

    [Fact]
    public void Link_mixing_ipv4_and_ipv6() =>
        AssertSingleError(TestConfigs.ThreeWith("ring0_addr: 10.0.0.3", "ring0_addr: fd00::3"), "Link 0 mixes IPv4 and IPv6");

    [Fact]
    public void Ipv6_only_link_is_fine()
    {
        var text = TestConfigs.ThreeNodes.Replace("10.0.0.", "fd00::", StringComparison.Ordinal);

        Assert.Empty(CorosyncConfValidator.Validate(TestConfigs.Parse(text)));
    }

    [Fact]
    public void Host_name_is_a_warning_not_an_error()
    {
        var config = TestConfigs.ThreeWith("ring0_addr: 10.0.0.2", "ring0_addr: beta.example");

        Assert.Empty(TestConfigs.Errors(config));
        var warning = Assert.Single(TestConfigs.Warnings(config));
        Assert.Contains("host name 'beta.example'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(16, warning.Line);
    }

    [Theory]
    [InlineData("10.0.0.256")]
    [InlineData("10.0.2")]
    [InlineData("bad_host!")]
    [InlineData("fd00:::1")]
    public void Invalid_address(string address) =>
        AssertSingleError(TestConfigs.ThreeWith("ring0_addr: 10.0.0.2", $"ring0_addr: {address}"), "neither a valid IP address", 16);

    [Fact]
    public void LinkN_addr_is_not_a_corosync_key() =>
        Assert.Contains(TestConfigs.Errors(TestConfigs.ThreeWith("ring0_addr: 10.0.0.2", "link0_addr: 10.0.0.2")),
            e => e.Message.Contains("'link0_addr' is not a corosync key", StringComparison.Ordinal) && e.Line == 16);

    [Fact]
    public void Link_above_7_is_rejected()
    {
        var config = TestConfigs.ThreeWith("    linknumber: 0\n", "    linknumber: 8\n");

        Assert.Contains(TestConfigs.Errors(config), e => e.Message.Contains("from 0 to 7", StringComparison.Ordinal));
    }

    [Fact]
    public void Link_used_by_nodes_needs_an_interface()
    {
        var text = TestConfigs.ThreeNodes;
        foreach (var n in new[] { 1, 2, 3 })
        {
            text = text.Replace($"ring0_addr: 10.0.0.{n}", $"ring0_addr: 10.0.0.{n}\n    ring1_addr: 10.1.0.{n}", StringComparison.Ordinal);
        }

        AssertSingleError(TestConfigs.Parse(text), "Link 1 is used by the nodes (ring1_addr) but has no 'interface { linknumber: 1 }'");
    }

    [Fact]
    public void Interface_without_nodes_is_a_warning()
    {
        var config = AddInterface(TestConfigs.Three(), 3);

        Assert.Empty(TestConfigs.Errors(config));
        Assert.Contains("link 3 is declared but no node has a ring3_addr", Assert.Single(TestConfigs.Warnings(config)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Interface_without_linknumber()
    {
        var errors = TestConfigs.Errors(TestConfigs.ThreeWith("    linknumber: 0\n", ""));

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("has no linknumber", StringComparison.Ordinal) && e.Line == 37);
        Assert.Contains(errors, e => e.Message.Contains("Link 0 is used by the nodes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("256")]
    [InlineData("-1")]
    [InlineData("high")]
    public void Knet_link_priority_range(string value) =>
        AssertSingleError(TestConfigs.ThreeWith("    linknumber: 0\n", $"    linknumber: 0\n    knet_link_priority: {value}\n"),
            "knet_link_priority of link 0 must be an integer from 0 to 255");

    [Fact]
    public void Quorum_provider_must_be_votequorum() =>
        AssertSingleError(TestConfigs.ThreeWith("provider: corosync_votequorum", "provider: something_else"),
            "quorum.provider is 'something_else' but must be 'corosync_votequorum'", 27);

    [Fact]
    public void Two_node_with_three_nodes() =>
        AssertSingleError(TestConfigs.ThreeWith("provider: corosync_votequorum", "provider: corosync_votequorum\n  two_node: 1"),
            "two_node is 1 but the cluster has 3 node(s)", 28);

    [Fact]
    public void Two_node_with_qdevice_is_an_error()
    {
        var config = TestConfigs.Parse(TestConfigs.ReadFixture("lab-2node-qdevice.conf"));
        config.Quorum!.Section.SetValue("two_node", "1");

        AssertSingleError(config, "two_node must not be set together with a quorum device");
    }

    [Fact]
    public void Qdevice_net_needs_host_and_algorithm()
    {
        var text = TestConfigs.ReadFixture("lab-2node-qdevice.conf");
        var noHost = TestConfigs.Parse(text.Replace("      host: 198.18.0.100\n", "", StringComparison.Ordinal));
        var noAlgorithm = TestConfigs.Parse(text.Replace("      algorithm: ffsplit\n", "", StringComparison.Ordinal));
        var badAlgorithm = TestConfigs.Parse(text.Replace("algorithm: ffsplit", "algorithm: 2nodes", StringComparison.Ordinal));
        var noNet = TestConfigs.Parse(text);
        noNet.Quorum!.Device!.Section.RemoveSections("net");

        AssertSingleError(noHost, "quorum.device.net.host is missing");
        AssertSingleError(noAlgorithm, "quorum.device.net.algorithm is missing");
        AssertSingleError(badAlgorithm, "quorum.device.net.algorithm is '2nodes' but must be one of: ffsplit, lms");
        AssertSingleError(noNet, "needs a 'net' section");
    }

    [Fact]
    public void Qdevice_model_must_be_net() =>
        AssertSingleError(TestConfigs.Parse(TestConfigs.ReadFixture("lab-2node-qdevice.conf").Replace("model: net", "model: disk",
            StringComparison.Ordinal)), "only 'net' (corosync-qnetd) is supported");

    [Fact]
    public void Qdevice_with_odd_node_count_warns()
    {
        var config = TestConfigs.Three();
        config = CorosyncConfEditor.SetQuorumDevice(config, new QuorumDeviceSettings("192.0.2.10", "lms"));

        Assert.Empty(TestConfigs.Errors(config));
        Assert.Contains("odd number of nodes (3)", Assert.Single(TestConfigs.Warnings(config)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("totem", "token: 3000", "token: 3s", "totem.token must be a non-negative integer, found '3s'")]
    [InlineData("totem", "token: 3000", "token_coefficient: -650", "totem.token_coefficient must be a non-negative integer")]
    [InlineData("quorum", "expected_votes: 3", "expected_votes: three", "quorum.expected_votes must be a non-negative integer")]
    [InlineData("quorum", "wait_for_all: 1", "wait_for_all: yes", "quorum.wait_for_all is 'yes' but must be one of: 0, 1")]
    [InlineData("totem", "secauth: on", "secauth: maybe", "totem.secauth is 'maybe'")]
    [InlineData("totem", "ip_version: ipv4-6", "ip_version: ipv5", "totem.ip_version is 'ipv5'")]
    public void Numbers_and_enumerations_are_checked(string section, string goodLine, string badLine, string expected)
    {
        var good = TestConfigs.Three();
        var bad = TestConfigs.Three();
        foreach (var (config, line) in new[] { (good, goodLine), (bad, badLine) })
        {
            var parts = line.Split(": ");
            var target = config.Root.GetSection(section)!;
            target.SetValue(parts[0], parts[1]);
        }

        Assert.Empty(TestConfigs.Errors(good));
        AssertSingleError(bad, expected);
    }

    [Fact]
    public void Crypto_cipher_needs_a_hash() =>
        AssertSingleError(TestConfigs.ThreeWith("  secauth: on\n", "  secauth: on\n  crypto_cipher: aes256\n  crypto_hash: none\n"),
            "needs a crypto_hash other than 'none'");

    [Fact]
    public void Diagnostic_text_is_admin_readable()
    {
        var error = SingleError(TestConfigs.ThreeWith("nodeid: 3", "nodeid: 1"));

        Assert.Equal("error (line 20): Duplicate nodeid '1': node 'alpha' and node 'gamma' both use it; it must be unique.",
            error.ToString());
    }

    private static CorosyncConfig AddInterface(CorosyncConfig config, int link)
    {
        var copy = config.Clone();
        copy.Totem!.AddInterface(link);
        return copy;
    }
}
