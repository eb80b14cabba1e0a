using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Api.Auth;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests;

/// <summary>Real PAM logins against a user created for the test (root only).</summary>
public sealed class PamLoginTests(PamLoginTests.Server server) : IClassFixture<PamLoginTests.Server>
{
    [RootFact]
    public async Task Correct_password_logs_in_and_the_ticket_works()
    {
        var user = server.RequireUser();
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = $"{user.Name}@pam", ["password"] = user.Password });

        Assert.Equal(HttpStatusCode.OK, status);
        var ticket = body["data"]!["ticket"]!.GetValue<string>();
        Assert.StartsWith($"PVE:{user.Name}@pam:", ticket, StringComparison.Ordinal);

        using var authenticated = server.Client(ticket);
        var (statusAfter, _) = await ApiServerFixture.GetAsync(authenticated, "cluster/status");
        Assert.Equal(HttpStatusCode.OK, statusAfter);
    }

    [RootFact]
    public async Task Username_and_realm_may_be_sent_separately()
    {
        var user = server.RequireUser();
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = user.Name, ["realm"] = "pam", ["password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal($"{user.Name}@pam", body["data"]!["username"]!.GetValue<string>());
    }

    [RootFact]
    public async Task Wrong_password_is_401_with_no_ticket()
    {
        var user = server.RequireUser();
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = $"{user.Name}@pam", ["password"] = user.Password + "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("authentication failure\n", body["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
    }

    [RootFact]
    public void Pam_authenticator_accepts_only_the_right_password()
    {
        var user = server.RequireUser();
        var pam = new PamAuthenticator("pve-api", NullLogger<PamAuthenticator>.Instance);
        Assert.True(pam.Authenticate(user.Name, user.Password, "127.0.0.1").Success);
        var wrong = pam.Authenticate(user.Name, "wrong", null);
        Assert.False(wrong.Success);
        Assert.False(string.IsNullOrEmpty(wrong.Error));
        Assert.False(pam.Authenticate(user.Name, "", null).Success);
    }

    [RootFact]
    public void Pam_rejects_an_unknown_user()
    {
        var pam = new PamAuthenticator("pve-api", NullLogger<PamAuthenticator>.Instance);
        var result = pam.Authenticate("nosuchuser" + Guid.NewGuid().ToString("N")[..8], "x", null);
        Assert.False(result.Success);
    }

    /// <summary>The server with the test user on its allow list.</summary>
    public class Server : ApiServerFixture
    {
        private readonly SystemTestUser? _user = Environment.UserName == "root" ? SystemTestUser.Create() : null;

        protected override IReadOnlyList<UserId> AllowedUsers =>
            _user is null ? base.AllowedUsers : [UserId.Parse("root@pam"), UserId.Parse($"{_user.Name}@pam")];

        public SystemTestUser RequireUser() => _user ?? throw new InvalidOperationException("the PAM tests must run as root");

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _user?.Dispose();
        }
    }
}
