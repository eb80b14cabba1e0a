using Bunit;
using PveCluster.Gui.Api;
using PveCluster.Gui.Dialogs;
using PveCluster.Gui.Tests.Forms;

namespace PveCluster.Gui.Tests.Dialogs;

public sealed class JoinClusterDialogTests : GuiTestContext
{
    [Fact]
    public async Task Garbage_is_marked_invalid_and_the_rest_stays_hidden()
    {
        var dialog = await OpenDialogAsync<JoinClusterDialog>();
        dialog.WaitForElement("#join-information").Input("this is not join information");
        dialog.WaitForAssertion(() => Assert.Contains("Does not seem like a valid encoded Cluster Information!", dialog.Markup, StringComparison.Ordinal));
        Assert.Empty(dialog.FindAll("#join-password"));
        Assert.Equal("Join", dialog.Find("#join-submit").TextContent.Trim());
    }

    [Fact]
    public async Task Pasted_information_names_the_cluster_on_the_button_and_locks_peer_and_fingerprint()
    {
        var dialog = await OpenDialogAsync<JoinClusterDialog>();
        dialog.WaitForElement("#join-information").Input(JoinClusterModelTests.Blob("prod"));
        dialog.WaitForAssertion(() => Assert.Equal("Join 'prod'", dialog.Find("#join-submit").TextContent.Trim()));
        Assert.True(dialog.Find("#join-peer").HasAttribute("readonly"));
        Assert.True(dialog.Find("#join-fingerprint").HasAttribute("readonly"));
        Assert.Contains("peer's link address: 198.19.5.1", dialog.Markup, StringComparison.Ordinal);
        Assert.True(dialog.Find("#join-submit").HasAttribute("disabled"));
        dialog.Find("#join-password").Input("secret");
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#join-submit").HasAttribute("disabled")));
    }

    [Fact]
    public async Task Joining_suppresses_the_logout_on_401_while_the_task_runs()
    {
        const string upid = "UPID:n1:00001234:00005678:65000000:clusterjoin:prod:root@pam:";
        Api.Answer("POST /cluster/config/join", $"\"{upid}\"");
        Api.Answer($"GET {CreateClusterDialogTests.TaskPath(upid)}/log?start=0&limit=500", """[{"n":1,"t":"joining"}]""");
        Api.Answer($"GET {CreateClusterDialogTests.TaskPath(upid)}/status", """{"status":"running"}""");
        var dialog = await OpenDialogAsync<JoinClusterDialog>();
        dialog.WaitForElement("#join-information").Input(JoinClusterModelTests.Blob("prod"));
        dialog.WaitForElement("#join-password").Input("secret");
        dialog.WaitForAssertion(() => Assert.False(dialog.Find("#join-submit").HasAttribute("disabled")));
        await dialog.Find("#join-submit").ClickAsync(new());
        dialog.WaitForAssertion(() => Assert.Contains("joining", dialog.Find("#task-log").TextContent, StringComparison.Ordinal));
        Assert.True(Services.GetService<ApiCredentials>()!.SuppressLogoutOnUnauthorized);
        var post = Assert.Single(Api.Requests, r => r.Request == "POST /cluster/config/join");
        Assert.Contains("password=secret", post.Body, StringComparison.Ordinal);
        Assert.Contains("link1=198.19.5.2", post.Body, StringComparison.Ordinal);
    }
}
