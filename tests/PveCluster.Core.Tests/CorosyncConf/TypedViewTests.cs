using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class TypedViewTests
{
    [Fact]
    public void Reads_totem_nodes_and_quorum()
    {
        var config = TestConfigs.Parse(TestConfigs.ReadFixture("lab-3node-2links.conf"));

        var totem = config.Totem!;
        Assert.Equal(("2", "labcluster", 1UL), (totem.Version, totem.ClusterName, totem.ConfigVersion));
        Assert.Equal(("ipv4", "passive", "on", "knet"), (totem.IpVersion, totem.LinkMode, totem.SecAuth, totem.Transport));
        Assert.Equal(("aes256", "sha256"), (totem.CryptoCipher, totem.CryptoHash));
        Assert.Null(totem.Token);
        var n2 = config.FindNode("N2")!;
        Assert.Equal((2UL, 1UL), (n2.NodeId, n2.QuorumVotes));
        Assert.Equal(new Dictionary<int, string> { [0] = "198.18.0.2", [1] = "198.18.1.2" }, n2.LinkAddresses);
        Assert.Equal(QuorumView.VotequorumProvider, config.Quorum!.Provider);
        Assert.Null(config.Quorum.Device);
        Assert.Equal("hires", config.Logging!.GetValue("timestamp"));
    }

    [Fact]
    public void Reads_quorum_device()
    {
        var device = TestConfigs.Parse(TestConfigs.ReadFixture("lab-2node-qdevice.conf")).Quorum!.Device!;

        Assert.Equal(("net", 1UL), (device.Model, device.Votes));
        Assert.Equal(("198.18.0.100", "ffsplit", "on"), (device.Net!.Host, device.Net.Algorithm, device.Net.Tls));
        Assert.Null(device.Net.TieBreaker);
    }

    [Fact]
    public void Writes_through_to_the_tree_and_keeps_unknown_keys_in_place()
    {
        var config = TestConfigs.ThreeWith("  secauth: on\n", "  secauth: on\n  custom_key: keep me\n");

        var totem = config.Totem!;
        totem.Token = 3000;
        totem.TokenCoefficient = 650;
        totem.ConfigVersion = 8;
        config.Quorum!.WaitForAll = true;
        config.Quorum.ExpectedVotes = null;

        var text = config.Write();
        Assert.Contains("  config_version: 8\n", text, StringComparison.Ordinal);
        Assert.Contains("  custom_key: keep me\n  version: 2\n  token: 3000\n  token_coefficient: 650\n  interface {", text,
            StringComparison.Ordinal);
        Assert.Contains("provider: corosync_votequorum\n  wait_for_all: 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_null_removes_the_key()
    {
        var config = TestConfigs.Three();

        config.Totem!.LinkMode = null;

        Assert.DoesNotContain("link_mode", config.Write(), StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_number_raises_value_exception_naming_key_and_line()
    {
        var config = TestConfigs.ThreeWith("config_version: 7", "config_version: seven");

        var error = Assert.Throws<ConfValueException>(() => config.Totem!.ConfigVersion);

        Assert.Contains("totem.config_version", error.Message, StringComparison.Ordinal);
        Assert.Contains("'seven'", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_read_only_0_or_1()
    {
        var config = TestConfigs.ThreeWith("provider: corosync_votequorum", "provider: corosync_votequorum\n  two_node: yes");

        Assert.Throws<ConfValueException>(() => config.Quorum!.TwoNode);
    }

    [Fact]
    public void Interface_falls_back_to_ringnumber_and_new_ring_address_goes_in_link_order()
    {
        var config = TestConfigs.ThreeWith("    linknumber: 0", "    ringnumber: 0");

        Assert.Equal(0, config.Totem!.Interfaces.Single().LinkNumber);
        var node = config.FindNode("alpha")!;
        node.SetLinkAddress(2, "10.2.0.1");
        node.SetLinkAddress(1, "10.1.0.1");
        Assert.Equal(["ring0_addr", "ring1_addr", "ring2_addr"], node.Section.Items.OfType<ConfValue>().Skip(3).Select(v => v.Key));
    }
}
