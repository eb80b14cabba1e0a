using System.Text;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.DatacenterCfg;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Links;
using PveCluster.Core.Text;

namespace PveCluster.Core.Tests.Text;

/// <summary>
/// Inputs found by pve-fuzz: the parsers rejected them with their own error, but quoted control
/// characters raw (into logs and terminals) or quoted half a megabyte of input.
/// </summary>
public class ErrorMessageQuotingTests
{
    [Fact]
    public void Link_errors_show_control_characters_escaped()
    {
        var error = Assert.Throws<LinkFormatException>(() => LinkSpecParser.Parse(1, "ad\0\0ess=10.1.0.1,priority=92"));

        Assert.Equal("link1: unknown key 'ad\\u0000\\u0000ess' (allowed: address, priority)", error.Message);
        Assert.Equal("l\\u0000\\u0000k0: not a link option (expected link0..link7)",
            Assert.Throws<LinkFormatException>(() => LinkSpecParser.ParseOption("l\0\0k0", "10.0.0.1")).Message);
    }

    [Fact]
    public void Datacenter_cfg_errors_show_control_characters_escaped()
    {
        var error = Assert.Throws<DatacenterConfigException>(() => DatacenterConfig.Parse("ha: x\nmigrati~\0: insecure\n"));

        Assert.Equal("datacenter.cfg line 2: expected 'key: value', got 'migrati~\\u0000: insecure'", error.Message);
    }

    [Fact]
    public void Join_information_errors_show_control_characters_escaped()
    {
        var json = "{\"ipAddress\":\"a\",\"fingerprint\":\"AB\u0085\",\"totem\":{}}";
        var error = Assert.Throws<JoinInformationException>(() => JoinInformationCodec.Decode(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));

        Assert.Contains("invalid fingerprint 'AB\\u0085'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Corosync_conf_errors_show_a_tab_in_a_key_escaped()
    {
        var error = Assert.Throws<ConfParseException>(() => ConfParser.Parse("nodelist {\n  node {\n    quoru\tm_votes: 1\n  }\n}\n"));

        Assert.Equal("corosync.conf line 3: invalid key 'quoru\\u0009m_votes': a key must not contain whitespace, '{' or '}'", error.Message);
    }

    [Fact]
    public void A_huge_input_is_quoted_only_in_part()
    {
        var error = Assert.Throws<LinkFormatException>(() => LinkSpecParser.Parse(0, new string('k', 500_000) + "=1"));

        Assert.True(error.Message.Length < 400, error.Message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("link0: unknown key 'kkk", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("... (500043 characters)", error.Message, StringComparison.Ordinal);
        Assert.Equal(CharNames.MaxQuoted, CharNames.Printable(new string('x', 1000)).IndexOf('.', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\0b", "a\\u0000b")]
    [InlineData("tab\there", "tab\\u0009here")]
    [InlineData("nel\u0085", "nel\\u0085")]
    [InlineData("\u00e9\u00a0", "\u00e9\u00a0")]
    public void Printable_escapes_only_control_characters(string text, string shown) => Assert.Equal(shown, CharNames.Printable(text));
}
