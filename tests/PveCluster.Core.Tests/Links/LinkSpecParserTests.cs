using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.Links;

namespace PveCluster.Core.Tests.Links;

public class LinkSpecParserTests
{
    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1", null, LinkAddressKind.IPv4)]
    [InlineData("address=10.0.0.1", "10.0.0.1", null, LinkAddressKind.IPv4)]
    [InlineData("10.0.0.1,priority=20", "10.0.0.1", 20, LinkAddressKind.IPv4)]
    [InlineData("priority=0,address=fd00::1", "fd00::1", 0, LinkAddressKind.IPv6)]
    [InlineData("node1-ring0.example.com,priority=255", "node1-ring0.example.com", 255, LinkAddressKind.HostName)]
    public void Valid_values_are_parsed(string value, string address, int? priority, LinkAddressKind kind)
    {
        var link = LinkSpecParser.Parse(1, value);
        Assert.Equal(new LinkSpec(1, address, priority), link);
        Assert.Equal(kind, link.AddressKind);
        Assert.Equal(kind != LinkAddressKind.HostName, link.IsIpAddress);
    }

    [Theory]
    [InlineData("10.0.0.1,priority=300", "link1: priority must be an integer between 0 and 255, got '300'")]
    [InlineData("10.0.0.1,priority=-1", "link1: priority must be an integer between 0 and 255, got '-1'")]
    [InlineData("10.0.0.1,priority=abc", "link1: priority must be an integer between 0 and 255, got 'abc'")]
    [InlineData("10.0.0.1,priority=", "link1: priority must be an integer between 0 and 255, got ''")]
    [InlineData("10.0.0.1,weight=3", "link1: unknown key 'weight' (allowed: address, priority)")]
    [InlineData("10.0.0.1,address=10.0.0.2", "link1: address is given more than once")]
    [InlineData("10.0.0.1,priority=1,priority=2", "link1: priority is given more than once")]
    [InlineData("priority=5", "link1: address must not be empty")]
    [InlineData("address=", "link1: address must not be empty")]
    [InlineData("", "link1: empty element in ''")]
    [InlineData("10.0.0.1,,priority=1", "link1: empty element in '10.0.0.1,,priority=1'")]
    [InlineData("10.0.0.256", "link1: '10.0.0.256' is not a valid IPv4 address")]
    [InlineData("10.0.1", "link1: '10.0.1' is not a valid IPv4 address")]
    [InlineData("fd00::1::2", "link1: 'fd00::1::2' is not a valid IPv6 address")]
    [InlineData("-bad.example", "link1: host name '-bad.example' has a label that starts or ends with '-'")]
    [InlineData("under_score", "link1: 'under_score' is neither an IP address nor a valid host name (allowed: letters, digits, '-' and '.')")]
    public void Invalid_values_name_the_option_and_the_problem(string value, string message)
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSpecParser.Parse(1, value));
        Assert.Equal(message, ex.Message);
        Assert.Equal("link1", ex.OptionName);
    }

    [Theory]
    [InlineData("0.0.0.0", "the unspecified address")]
    [InlineData("::", "the unspecified address")]
    [InlineData("127.0.0.1", "a loopback address")]
    [InlineData("127.1.2.3", "a loopback address")]
    [InlineData("::1", "a loopback address")]
    [InlineData("::ffff:127.0.0.1", "a loopback address")]
    [InlineData("255.255.255.255", "the broadcast address")]
    [InlineData("224.0.0.1", "a multicast address")]
    [InlineData("239.255.1.1", "a multicast address")]
    [InlineData("ff02::1", "a multicast address")]
    [InlineData("ff05::1:3,priority=5", "a multicast address")]
    public void Addresses_that_cannot_reach_another_node_are_refused(string value, string what)
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSpecParser.Parse(0, value));

        var address = value.Split(',')[0];
        Assert.Equal(
            $"link0: '{address}' is {what}; a link needs this node's unicast address on the network the other nodes reach it by", ex.Message);
    }

    [Theory]
    [InlineData("223.255.255.254")]
    [InlineData("240.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("fe80::1")]
    public void Neighbouring_unicast_addresses_still_pass(string value) => Assert.Equal(value, LinkSpecParser.Parse(0, value).Address);

    [Theory]
    [InlineData(-1)]
    [InlineData(8)]
    public void Link_numbers_outside_zero_to_seven_are_refused(int number)
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSpecParser.Parse(number, "10.0.0.1"));
        Assert.Contains("between 0 and 7", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("link0", 0)]
    [InlineData("link7", 7)]
    public void Option_names_give_the_link_number(string name, int number)
    {
        Assert.Equal(number, LinkSpecParser.ParseOption(name, "10.0.0.1").Number);
    }

    [Theory]
    [InlineData("link8")]
    [InlineData("ring0")]
    [InlineData("link")]
    [InlineData("link01")]
    public void Bad_option_names_are_refused(string name)
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSpecParser.ParseOption(name, "10.0.0.1"));
        Assert.StartsWith(name + ": ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_reports_the_error_text()
    {
        Assert.False(LinkSpecParser.TryParse(2, "x,priority=999", out var link, out var error));
        Assert.Null(link);
        Assert.Equal("link2: priority must be an integer between 0 and 255, got '999'", error);
        Assert.True(LinkSpecParser.TryParse(2, "10.1.1.1", out link, out error));
        Assert.Equal("10.1.1.1", link!.Address);
        Assert.Null(error);
    }

    private static Gen<string> Addresses() => Gen.OneOf(
        Gen.ArrayOf(Gen.Choose(0, 255), 4).Select(b => string.Join('.', b)),
        Gen.ArrayOf(Gen.Choose(0, 0xffff), 8).Select(b => System.Net.IPAddress.Parse(string.Join(':', b.Select(x => x.ToString("x", System.Globalization.CultureInfo.InvariantCulture)))).ToString()),
        Gen.Elements("pve1", "node-2.corosync.lan", "a", "x1.y2")).Where(a => LinkAddress.UnusableIpProblem(a) is null);

    [Property]
    public Property Formatting_then_parsing_returns_the_same_link()
    {
        var gen = from number in Gen.Choose(0, 7)
                  from address in Addresses()
                  from hasPriority in Gen.Elements(true, false)
                  from priority in Gen.Choose(0, 255)
                  select new LinkSpec(number, address, hasPriority ? priority : null);
        return Prop.ForAll(gen.ToArbitrary(), link => LinkSpecParser.Parse(link.Number, link.ToOptionValue()) == link);
    }
}
