using System.Net;
using System.Security.Cryptography;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests;

public sealed class AuthenticationTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Request_without_ticket_is_401_with_proxmox_error_shape()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(body.ContainsKey("data"));
        Assert.Null(body["data"]);
        Assert.Contains("No ticket", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_ticket_is_accepted()
    {
        using var client = server.Client(server.Ticket());
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["data"]);
    }

    [Fact]
    public async Task Tampered_ticket_is_rejected()
    {
        var ticket = server.Ticket("alice@pam").Replace("alice@pam", "root@pam", StringComparison.Ordinal);
        using var client = server.Client(ticket);
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("invalid ticket signature", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ticket_signed_with_another_key_is_rejected()
    {
        using var foreignKey = RSA.Create(2048);
        using var client = server.Client(AuthTicket.Create(foreignKey, UserId.Parse("root@pam"), DateTimeOffset.UtcNow));
        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Expired_ticket_is_rejected()
    {
        using var client = server.Client(server.Ticket(at: DateTimeOffset.UtcNow.AddHours(-3)));
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_ticket_of_a_user_that_is_not_allowed_is_forbidden()
    {
        using var client = server.Client(server.Ticket("alice@pam"));
        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Post_with_ticket_but_without_csrf_token_is_401()
    {
        using var client = server.Client(server.Ticket());
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "c1" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("CSRFPreventionToken", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_csrf_token_of_another_user_is_401()
    {
        using var client = server.Client(server.Ticket(), server.CsrfToken("alice@pam"));
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config", new() { ["clustername"] = "c1" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("invalid CSRF token", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_with_ticket_and_csrf_token_passes_authentication()
    {
        // A path without a POST handler: passing the checks ends at "not implemented" (POST /cluster/config now creates a cluster).
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/unimplemented", new() { ["clustername"] = "c1" });
        Assert.Equal(HttpStatusCode.NotImplemented, status);
        Assert.Contains("not implemented", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
