using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

/// <summary>Every corosync.conf example of the admin guide and the lab notes parses, round-trips and validates.</summary>
public class FixtureTests
{
    public static TheoryData<string> AllFixtures => new(
        "seed-separate-network-before.conf",
        "seed-separate-network-after.conf",
        "seed-redundant-link.conf",
        "lab-3node-2links.conf",
        "lab-2node-qdevice.conf");

    [Theory]
    [MemberData(nameof(AllFixtures))]
    public void Fixture_round_trips(string name)
    {
        var parsed = ConfParser.Parse(TestConfigs.ReadFixture(name));
        var written = ConfWriter.Write(parsed);
        var reparsed = ConfParser.Parse(written);

        Assert.True(reparsed.SameContentAs(parsed), $"{name}: tree changed after write/parse");
        Assert.Equal(written, ConfWriter.Write(reparsed));
    }

    [Theory]
    [InlineData("seed-separate-network-after.conf")]
    [InlineData("seed-redundant-link.conf")]
    [InlineData("lab-3node-2links.conf")]
    [InlineData("lab-2node-qdevice.conf")]
    public void Fixture_validates_without_any_finding(string name)
    {
        var diagnostics = CorosyncConfValidator.Validate(TestConfigs.Parse(TestConfigs.ReadFixture(name)));

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Seed_example_with_host_names_is_valid_but_warns_once_per_host_name()
    {
        var config = TestConfigs.Parse(TestConfigs.ReadFixture("seed-separate-network-before.conf"));

        var diagnostics = CorosyncConfValidator.Validate(config);

        Assert.True(CorosyncConfValidator.IsValid(diagnostics));
        Assert.Equal(3, diagnostics.Count);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal(ConfSeverity.Warning, d.Severity);
            Assert.Contains("IP addresses are recommended", d.Message, StringComparison.Ordinal);
        });
        Assert.Equal([12, 19, 26], diagnostics.Select(d => d.Line ?? 0).Order());
    }

    [Fact]
    public void Seed_redundant_link_example_reads_as_three_nodes_on_two_links()
    {
        var config = TestConfigs.Parse(TestConfigs.ReadFixture("seed-redundant-link.conf"));

        Assert.Equal(["due", "tre", "uno"], config.Nodes.Select(n => n.Name));
        Assert.Equal([2UL, 3UL, 1UL], config.Nodes.Select(n => n.NodeId!.Value));
        Assert.Equal("10.20.20.3", config.FindNode("tre")!.GetLinkAddress(1));
        Assert.Equal([0, 1], config.Totem!.Interfaces.Select(i => i.LinkNumber!.Value));
        Assert.Equal(4UL, config.Totem.ConfigVersion);
    }

    [Fact]
    public void Lab_config_keeps_the_annotation_comment_and_priorities()
    {
        var config = TestConfigs.Parse(TestConfigs.ReadFixture("lab-3node-2links.conf"));

        Assert.Equal([20, 15], config.Totem!.Interfaces.Select(i => i.KnetLinkPriority!.Value));
        var provider = config.Quorum!.Section.FindLastValue("provider")!;
        Assert.Equal(" two_node: 1 is added automatically for N=2 without qdevice", Assert.Single(provider.Comments));
        Assert.Contains("# two_node: 1 is added", config.Write(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lab_notes_collapsed_node_lines_are_rejected_with_a_clear_error()
    {
        // The notes print node blocks on one line for brevity; corosync would silently misread that.
        const string Collapsed = "nodelist {\n  node { name: n1  nodeid: 1  quorum_votes: 1  ring0_addr: 198.18.0.1 }\n}\n";

        var error = Assert.Throws<ConfParseException>(() => ConfParser.Parse(Collapsed));

        Assert.Equal(2, error.LineNumber);
    }
}
