using Bunit;
using PveCluster.Gui.Views;

namespace PveCluster.Gui.Tests.Views;

public sealed class ClusterViewTests : GuiTestContext
{
    [Fact]
    public void A_standalone_node_offers_create_and_join_but_no_join_information()
    {
        Api.Answer("GET /cluster/status", """[{"type":"node","id":"node/n1","name":"n1","nodeid":0,"online":1,"local":1}]""");
        Api.Answer("GET /cluster/config/nodes", "[]");
        var view = Render<ClusterView>();
        view.WaitForAssertion(() => Assert.NotNull(view.Find("#cluster-standalone")));
        Assert.False(view.Find("#btn-create-cluster").HasAttribute("disabled"));
        Assert.False(view.Find("#btn-join-cluster").HasAttribute("disabled"));
        Assert.True(view.Find("#btn-join-info").HasAttribute("disabled"));
        Assert.DoesNotContain(Api.Requests, r => r.Request.StartsWith("GET /cluster/config/join", StringComparison.Ordinal));
    }

    [Fact]
    public void A_member_shows_cluster_information_and_one_column_per_link()
    {
        Api.Answer("GET /cluster/status", """[{"type":"cluster","id":"cluster","name":"prod","nodes":2,"version":3,"quorate":1}]""");
        Api.Answer("GET /cluster/config/join", """
            {"nodelist":[{"name":"n1","nodeid":"1","quorum_votes":"1","ring0_addr":"198.18.5.1","ring1_addr":"198.19.5.1","pve_addr":"198.18.5.1","pve_fp":"AA"}],
             "preferred_node":"n1","totem":{"cluster_name":"prod","config_version":"3","interface":{"0":{"linknumber":"0"}}},"config_digest":"x"}
            """);
        Api.Answer("GET /cluster/config/nodes", """
            [{"node":"n2","name":"n2","nodeid":"2","quorum_votes":"1","ring0_addr":"198.18.5.2","ring1_addr":"198.19.5.2"},
             {"node":"n1","name":"n1","nodeid":"1","quorum_votes":"1","ring0_addr":"198.18.5.1","ring1_addr":"198.19.5.1"}]
            """);
        var view = Render<ClusterView>();
        view.WaitForAssertion(() => Assert.Equal("prod", view.Find("#cluster-name-value").TextContent));
        Assert.True(view.Find("#btn-create-cluster").HasAttribute("disabled"));
        Assert.True(view.Find("#btn-join-cluster").HasAttribute("disabled"));
        Assert.False(view.Find("#btn-join-info").HasAttribute("disabled"));
        view.WaitForAssertion(() => Assert.Equal("2", view.Find("#cluster-node-count").TextContent));
        var headers = view.FindAll("#cluster-nodes th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Nodename", "ID", "Votes", "Link 0", "Link 1"], headers);
        var firstRow = view.FindAll("#cluster-nodes tbody tr")[0].TextContent;
        Assert.Contains("n1", firstRow, StringComparison.Ordinal);
    }
}
