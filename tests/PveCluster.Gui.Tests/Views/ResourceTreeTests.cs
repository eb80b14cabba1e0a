using Bunit;
using PveCluster.Gui.Layout;
using PveCluster.Gui.Session;

namespace PveCluster.Gui.Tests.Views;

public sealed class ResourceTreeTests : GuiTestContext
{
    [Fact]
    public async Task Nodes_carry_their_online_state_and_the_root_names_the_cluster()
    {
        Api.Answer("GET /cluster/resources?type=node", """
            [{"id":"node/n1","type":"node","node":"n1","status":"online"},{"id":"node/n2","type":"node","node":"n2","status":"offline"}]
            """);
        Api.Answer("GET /cluster/status", """[{"type":"cluster","id":"cluster","name":"prod","nodes":2,"version":3,"quorate":1}]""");
        Api.Answer("POST /access/ticket", """{"username":"root@pam","ticket":"t","CSRFPreventionToken":"c"}""");
        var session = Services.GetService<AuthSession>()!;
        await session.LoginAsync("root", "pam", "pw");
        var tree = Render<ResourceTree>();
        tree.WaitForAssertion(() => Assert.Equal("online", tree.Find("[data-testid=tree-node-n1]").GetAttribute("data-status")));
        Assert.Equal("offline", tree.Find("[data-testid=tree-node-n2]").GetAttribute("data-status"));
        tree.WaitForAssertion(() => Assert.Contains("Datacenter (prod)", tree.Find("#resource-tree").TextContent, StringComparison.Ordinal));
    }
}
