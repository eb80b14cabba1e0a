using PveCluster.Core.Names;

namespace PveCluster.Core.Tests.Names;

public class JoinHostRulesTests
{
    [Theory]
    [InlineData("192.0.2.11")]
    [InlineData("fd00::11")]
    [InlineData("pve1")]
    [InlineData("pve1.example.com")]
    public void Ip_literals_and_dns_names_pass(string host) => Assert.True(JoinHostRules.CheckJoinHost(host).IsValid);

    [Theory]
    [InlineData("", "join host must not be empty")]
    [InlineData("--force", "join host '--force' must not start with '-'")]
    [InlineData("-oProxyCommand=x", "join host '-oProxyCommand=x' must not start with '-'")]
    [InlineData("pve1 --force", "'pve1 --force' is neither an IP address nor a valid host name")]
    [InlineData("pve1\0", "'pve1\\u0000' is neither an IP address nor a valid host name")]
    [InlineData("pve1\n", "'pve1\\u000A' is neither an IP address nor a valid host name")]
    [InlineData("192.0.2.300", "'192.0.2.300' is not a valid IPv4 address")]
    [InlineData("[fd00::1]", "'[fd00::1]' is not a valid IPv6 address")]
    public void Anything_else_is_refused_with_a_printable_reason(string host, string reason)
    {
        var check = JoinHostRules.CheckJoinHost(host);

        Assert.False(check.IsValid);
        Assert.Contains(reason, check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(check.Error!, char.IsControl);
    }
}
