using System.Net;
using Bunit;
using PveCluster.Gui.Views;

namespace PveCluster.Gui.Tests.Views;

public sealed class LinksViewTests : GuiTestContext
{
    [Fact]
    public void Every_online_node_is_asked_and_a_link_either_end_reports_down_is_highlighted()
    {
        Api.Answer("GET /cluster/status", """
            [{"type":"cluster","id":"cluster","name":"prod","nodes":3,"version":3,"quorate":1},
             {"type":"node","id":"node/n1","name":"n1","nodeid":1,"online":1,"local":1},
             {"type":"node","id":"node/n2","name":"n2","nodeid":2,"online":1,"local":0},
             {"type":"node","id":"node/n3","name":"n3","nodeid":3,"online":0,"local":0}]
            """);
        Api.Answer("GET /nodes/n1/corosync/links", """
            [{"nodeid":2,"node":"n2","link":0,"address":"198.18.5.2","enabled":1,"connected":1,"latency_ave":151},
             {"nodeid":2,"node":"n2","link":1,"address":"198.19.5.2","enabled":1,"connected":1}]
            """);
        Api.Answer("GET /nodes/n2/corosync/links", """
            [{"nodeid":1,"node":"n1","link":0,"address":"198.18.5.1","enabled":1,"connected":1},
             {"nodeid":1,"node":"n1","link":1,"address":"198.19.5.1","enabled":1,"connected":0}]
            """);
        var view = Render<LinksView>();

        view.WaitForAssertion(() => Assert.Equal("down", view.Find("[data-testid=link-pair-n1-n2-1]").TextContent.Trim()));
        Assert.Equal("connected", view.Find("[data-testid=link-pair-n1-n2-0]").TextContent.Trim());
        Assert.Contains("n1: connected, 0.151 ms", view.Find("[data-testid=link-view-n1-n2-0]").TextContent, StringComparison.Ordinal);
        Assert.Contains("n2: not connected", view.Find("[data-testid=link-view-n2-n1-1]").TextContent, StringComparison.Ordinal);
        var rows = view.FindAll("#links-grid tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("link-down", rows[1].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("link-down", rows[0].ClassName ?? "", StringComparison.Ordinal);
        Assert.Contains("offline", view.Find("[data-testid=links-error-n3]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Api.Requests, r => r.Request == "GET /nodes/n3/corosync/links");
    }

    [Fact]
    public void A_node_that_cannot_be_asked_leaves_the_other_ends_view_and_an_error()
    {
        Api.Answer("GET /cluster/status", """
            [{"type":"cluster","id":"cluster","name":"prod","nodes":2,"version":3,"quorate":1},
             {"type":"node","id":"node/n1","name":"n1","nodeid":1,"online":1,"local":1},
             {"type":"node","id":"node/n2","name":"n2","nodeid":2,"online":1,"local":0}]
            """);
        Api.Answer("GET /nodes/n1/corosync/links", """[{"nodeid":2,"node":"n2","link":0,"address":"198.18.5.2","enabled":1,"connected":1}]""");
        Api.Fail("GET /nodes/n2/corosync/links", (HttpStatusCode)595, "node 'n2' is offline");
        var view = Render<LinksView>();

        view.WaitForAssertion(() => Assert.Equal("connected (one end)", view.Find("[data-testid=link-pair-n1-n2-0]").TextContent.Trim()));
        Assert.Contains("node 'n2' is offline", view.Find("[data-testid=links-error-n2]").TextContent, StringComparison.Ordinal);
    }
}
