using System.Net.Sockets;
using PveCluster.Core.Links;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Lifecycle.Tests;

public class LinkNameResolutionTests
{
    private static readonly FakeResolver Resolver = new(new Dictionary<string, string[]>
    {
        ["n1-ring"] = ["fd00::1", "10.0.0.1"],
        ["loop"] = ["127.0.1.1"],
        ["v6only"] = ["fd00::9"],
    });

    [Fact]
    public async Task A_host_name_is_replaced_by_its_address_and_kept_for_the_plan()
    {
        var links = await LinkNameResolution.ResolveAsync(
            [new LinkSpec(0, "n1-ring", 20), new LinkSpec(1, "10.1.0.1")], Resolver, _ => null, CancellationToken.None);

        Assert.Equal(new LinkSpec(0, "fd00::1", 20) { EnteredHostName = "n1-ring" }, links[0]);
        Assert.Equal("fd00::1 (resolved from 'n1-ring')", links[0].DisplayAddress);
        Assert.Equal(new LinkSpec(1, "10.1.0.1"), links[1]);
    }

    [Fact]
    public async Task The_links_family_decides_which_address_of_a_name_is_taken()
    {
        var links = await LinkNameResolution.ResolveAsync(
            [new LinkSpec(0, "n1-ring")], Resolver, _ => AddressFamily.InterNetwork, CancellationToken.None);

        Assert.Equal("10.0.0.1", links[0].Address);
    }

    [Theory]
    [InlineData("unknown-host", "it does not resolve")]
    [InlineData("loop", "resolves only to 127.0.1.1")]
    [InlineData("v6only", "an IPv4 address")]
    public async Task Unusable_names_are_refused_as_usage_errors(string name, string expected)
    {
        var error = await Assert.ThrowsAsync<LifecycleException>(() => LinkNameResolution.ResolveAsync(
            [new LinkSpec(0, name)], Resolver, _ => AddressFamily.InterNetwork, CancellationToken.None));

        Assert.True(error.IsUsageError);
        Assert.Contains($"link0: host name '{name}' cannot be used", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
