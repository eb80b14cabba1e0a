using System.Net;
using Bunit;
using PveCluster.Gui.Dialogs;

namespace PveCluster.Gui.Tests.Dialogs;

public sealed class CreateClusterDialogTests : GuiTestContext
{
    public const string Upid = "UPID:n1:00001234:00005678:65000000:clustercreate:prod:root@pam:";

    public static string TaskPath(string upid) => $"/nodes/n1/tasks/{Uri.EscapeDataString(upid)}";

    [Fact]
    public async Task Name_rules_show_inline_and_keep_Create_disabled()
    {
        var dialog = await OpenDialogAsync<CreateClusterDialog>();
        dialog.WaitForElement("#cluster-name").Input("prod.eu");
        dialog.WaitForAssertion(() => Assert.Contains("must not contain '.'", dialog.Markup, StringComparison.Ordinal));
        Assert.True(dialog.Find("#create-submit").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Create_posts_name_and_links_then_follows_the_task_log_until_done()
    {
        Api.Answer("POST /cluster/config", $"\"{Upid}\"");
        Api.Answer($"GET {TaskPath(Upid)}/log?start=0&limit=500", """[{"n":1,"t":"creating cluster 'prod'"}]""");
        Api.Answer($"GET {TaskPath(Upid)}/log?start=1&limit=500", "[]");
        Api.Answer($"GET {TaskPath(Upid)}/status", """{"status":"stopped","exitstatus":"OK"}""");
        var dialog = await OpenDialogAsync<CreateClusterDialog>();
        dialog.WaitForElement("#cluster-name").Input("prod");
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#create-submit").HasAttribute("disabled")));
        await dialog.Find("#create-submit").ClickAsync(new());
        dialog.WaitForAssertion(() => Assert.Contains("Task finished: OK", dialog.Find("#task-state").TextContent, StringComparison.Ordinal));
        Assert.Contains("creating cluster 'prod'", dialog.Find("#task-log").TextContent, StringComparison.Ordinal);
        var post = Assert.Single(Api.Requests, r => r.Request == "POST /cluster/config");
        Assert.Equal("clustername=prod&link0=198.18.5.2", post.Body);
    }

    [Fact]
    public async Task A_refused_create_shows_the_servers_message_and_keeps_the_form()
    {
        Api.Fail("POST /cluster/config", HttpStatusCode.BadRequest, "corosync authkey already exists");
        var dialog = await OpenDialogAsync<CreateClusterDialog>();
        dialog.WaitForElement("#cluster-name").Input("prod");
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#create-submit").HasAttribute("disabled")));
        await dialog.Find("#create-submit").ClickAsync(new());
        dialog.WaitForAssertion(() => Assert.Contains("corosync authkey already exists", dialog.Find("#create-error").TextContent, StringComparison.Ordinal));
        Assert.NotNull(dialog.Find("#cluster-name"));
    }
}
