using PveCluster.Core.Links;

namespace PveCluster.Core.Tests.Links;

public class LinkSetTests
{
    [Fact]
    public void Links_are_kept_in_number_order_and_formatted_back()
    {
        var set = LinkSet.ParseOptions([
            KeyValuePair.Create("link1", "10.1.0.1,priority=5"),
            KeyValuePair.Create("link0", "address=10.0.0.1"),
        ]);
        Assert.Equal([0, 1], set.Numbers);
        Assert.Equal(
            [KeyValuePair.Create("link0", "10.0.0.1"), KeyValuePair.Create("link1", "10.1.0.1,priority=5")],
            set.ToOptions());
        Assert.Equal("--link0 10.0.0.1 --link1 10.1.0.1,priority=5", set.ToCommandLine());
        Assert.Equal(5, set.Find(1)!.Priority);
        Assert.Null(set.Find(2));
    }

    [Fact]
    public void Duplicate_link_numbers_are_refused()
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSet.Create([new LinkSpec(0, "10.0.0.1"), new LinkSpec(0, "10.1.0.1")]));
        Assert.Equal("link0: link number is given more than once", ex.Message);
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1")]
    [InlineData("fd00::1", "fd00:0:0::1")]
    [InlineData("Node1.example", "node1.EXAMPLE")]
    public void Duplicate_addresses_are_refused_even_when_spelled_differently(string first, string second)
    {
        var ex = Assert.Throws<LinkFormatException>(() => LinkSet.Create([new LinkSpec(0, first), new LinkSpec(1, second)]));
        Assert.Equal($"link1: address '{second}' is already used by link0", ex.Message);
    }

    [Fact]
    public void Add_returns_a_new_set_and_leaves_the_old_one_alone()
    {
        var one = LinkSet.Empty.Add(new LinkSpec(0, "10.0.0.1"));
        var two = one.Add(new LinkSpec(3, "10.3.0.1"));
        Assert.Single(one);
        Assert.Equal(2, two.Count);
        Assert.True(two.Contains(3));
    }
}
