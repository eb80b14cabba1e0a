using System.Net;
using Bunit;
using PveCluster.Gui.Layout;
using PveCluster.Gui.Session;

namespace PveCluster.Gui.Tests.Views;

public sealed class LoginViewTests : GuiTestContext
{
    public LoginViewTests()
    {
        Api.Answer("GET /access/domains", """[{"realm":"pam","type":"pam","comment":"Linux PAM standard authentication"}]""");
    }

    [Fact]
    public void A_wrong_password_shows_a_clear_error_and_stays_logged_out()
    {
        Api.Fail("POST /access/ticket", HttpStatusCode.Unauthorized, "authentication failure");
        var view = Render<LoginView>();
        view.Find("#login-password").Input("wrong");
        view.Find("form").Submit();
        view.WaitForAssertion(() => Assert.Contains("wrong user name or password", view.Find("#login-error").TextContent, StringComparison.Ordinal));
        Assert.False(Services.GetService<AuthSession>()!.IsLoggedIn);
    }

    [Fact]
    public void A_login_keeps_the_csrf_token_for_changing_calls()
    {
        Api.Answer("POST /access/ticket", """{"username":"root@pam","ticket":"PVE:root@pam:X::sig","CSRFPreventionToken":"X:tok","clustername":"prod"}""");
        var view = Render<LoginView>();
        view.Find("#login-password").Input("right");
        view.Find("form").Submit();
        var session = Services.GetService<AuthSession>()!;
        view.WaitForAssertion(() => Assert.True(session.IsLoggedIn));
        Assert.Equal("prod", session.Login!.ClusterName);
        var post = Assert.Single(Api.Requests, r => r.Request == "POST /access/ticket");
        Assert.Contains("username=root", post.Body, StringComparison.Ordinal);
        Assert.Contains("realm=pam", post.Body, StringComparison.Ordinal);
    }
}

public sealed class LogoutTests : GuiTestContext
{
    [Fact]
    public async Task Logout_forgets_the_session_and_drops_the_ticket_cookie()
    {
        Api.Answer("POST /access/ticket", """{"username":"root@pam","ticket":"t","CSRFPreventionToken":"c"}""");
        var session = Services.GetService<AuthSession>()!;
        await session.LoginAsync("root", "pam", "pw");
        await session.LogoutAsync();
        Assert.False(session.IsLoggedIn);
        JSInterop.VerifyInvoke("pveGui.dropTicketCookie");
        JSInterop.VerifyInvoke("sessionStorage.removeItem");
    }
}
