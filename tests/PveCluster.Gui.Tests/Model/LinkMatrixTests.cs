using PveCluster.Gui.Model;

namespace PveCluster.Gui.Tests.Model;

public sealed class LinkMatrixTests
{
    private static readonly NodeEntry[] Nodes =
    [
        new("n2", 2, "198.18.5.2", Online: true, Local: false),
        new("n1", 1, "198.18.5.1", Online: true, Local: true),
        new("n3", 3, "198.18.5.3", Online: false, Local: false),
    ];

    [Fact]
    public void Both_ends_of_each_link_meet_in_one_row_per_pair_and_link()
    {
        var views = new Dictionary<string, IReadOnlyList<KnetLinkState>>
        {
            ["n1"] = [Up("n2", 2, 0, "198.18.5.2"), Up("n2", 2, 1, "198.19.5.2"), Up("n3", 3, 0, "198.18.5.3")],
            ["n2"] = [Up("n1", 1, 0, "198.18.5.1"), Down("n1", 1, 1, "198.19.5.1")],
        };

        var matrix = LinkMatrix.Build(Nodes, views, new Dictionary<string, string> { ["n3"] = "offline" });

        Assert.Equal(
            ["n1-n2-0", "n1-n2-1", "n1-n3-0"],
            matrix.Pairs.Select(p => $"{p.A}-{p.B}-{p.Link}"));
        var link1 = matrix.Pairs[1];
        Assert.True(link1.IsDown);   // n1 still believes it is up; n2 does not: down
        Assert.Equal("down", link1.State);
        Assert.Equal("198.19.5.1", link1.AddressA);
        Assert.Equal("198.19.5.2", link1.AddressB);
        Assert.Equal("connected", matrix.Pairs[0].State);
        Assert.Equal("connected (one end)", matrix.Pairs[2].State);
        Assert.Null(matrix.Pairs[2].FromB);
        Assert.Equal("offline", matrix.Errors["n3"]);
    }

    private static KnetLinkState Up(string peer, long id, int link, string address) => new(peer, id, link, address, true, true, 0.2);

    private static KnetLinkState Down(string peer, long id, int link, string address) => new(peer, id, link, address, false, true, null);
}
