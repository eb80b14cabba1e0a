using System.Text.Json;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests;

public class NodesCommandTests
{
    [Fact]
    public void Text_output_is_quorumtool_l_with_names_and_decimal_ids()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.ThreeNodesQuorate()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("nodes"));

        Assert.Equal(
            "\nMembership information\n----------------------\n    Nodeid      Votes Name\n" +
            "         1          1 n1 (local)\n         2          1 n2\n         3          1 n3\n",
            pvecm.Out.ToString());
    }

    [Fact]
    public void Json_output_is_the_member_list()
    {
        using var pvecm = new PvecmRunner(new FakeCluster(FakeCluster.TwoOfThree()));

        Assert.Equal(ExitCodes.Ok, pvecm.Run("nodes", "--output-format", "json"));

        using var json = JsonDocument.Parse(pvecm.Out.ToString());
        var names = json.RootElement.EnumerateArray().Select(m => m.GetProperty("name").GetString() ?? "").ToArray();
        Assert.Equal(["n1", "n2"], names);
        Assert.Equal("198.18.0.2", json.RootElement[1].GetProperty("address").GetString());
    }
}
