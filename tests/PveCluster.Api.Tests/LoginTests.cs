using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PveCluster.Api.Tests;

public sealed class LoginTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Wrong_root_password_is_401_without_ticket_or_cookie()
    {
        using var client = server.Client();
        using var response = await client.PostAsync("access/ticket", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = "root@pam",
            ["password"] = "definitely-not-the-root-password-" + Guid.NewGuid(),
        }));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("authentication failure\n", body["message"]!.GetValue<string>());
        Assert.Null(body["data"]);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Missing_password_is_a_parameter_error()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket", new() { ["username"] = "root@pam" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Parameter verification failed.\n", body["message"]!.GetValue<string>());
        Assert.Contains("not optional", body["errors"]!["password"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_user_name_is_a_parameter_error()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = "root pam", ["password"] = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["username"]);
    }

    [Fact]
    public async Task Valid_ticket_as_password_renews_it_and_sets_the_cookie()
    {
        using var client = server.Client();
        using var response = await client.PostAsJsonAsync("access/ticket", new Dictionary<string, string>
        {
            ["username"] = "root@pam",
            ["password"] = server.Ticket(at: DateTimeOffset.UtcNow.AddMinutes(-90)),
        });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var data = body["data"]!;
        Assert.Equal("root@pam", data["username"]!.GetValue<string>());
        var ticket = data["ticket"]!.GetValue<string>();
        Assert.StartsWith("PVE:root@pam:", ticket, StringComparison.Ordinal);
        Assert.Matches("^[0-9A-F]{8}:", data["CSRFPreventionToken"]!.GetValue<string>());
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("PVEAuthCookie=" + Uri.EscapeDataString(ticket), cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var authenticated = server.Client(ticket, data["CSRFPreventionToken"]!.GetValue<string>());
        var (status, _) = await ApiServerFixture.PostFormAsync(authenticated, "cluster/unimplemented", new() { ["clustername"] = "x" });
        Assert.Equal(HttpStatusCode.NotImplemented, status);
    }

    [Fact]
    public async Task Expired_ticket_as_password_does_not_renew()
    {
        using var client = server.Client();
        var (status, _) = await ApiServerFixture.PostFormAsync(client, "access/ticket", new()
        {
            ["username"] = "root@pam",
            ["password"] = server.Ticket(at: DateTimeOffset.UtcNow.AddHours(-3)),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Ticket_of_another_user_does_not_renew_as_root()
    {
        using var client = server.Client();
        var (status, _) = await ApiServerFixture.PostFormAsync(client, "access/ticket", new()
        {
            ["username"] = "root@pam",
            ["password"] = server.Ticket("alice@pam"),
        });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Broken_corosync_conf_does_not_stop_the_login_and_fails_only_the_endpoints_that_read_it()
    {
        await File.WriteAllTextAsync(server.PveDir.CorosyncConf, "totem {\n  cluster_name: broken\n  interface {\n");
        try
        {
            using var client = server.Client();
            var (loginStatus, login) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
                new() { ["username"] = "root@pam", ["password"] = server.Ticket() });
            Assert.Equal(HttpStatusCode.OK, loginStatus);
            Assert.Null(login["data"]!["clustername"]);

            using var root = server.Client(login["data"]!["ticket"]!.GetValue<string>());
            var (nodesStatus, nodes) = await ApiServerFixture.GetAsync(root, "cluster/config/nodes");
            Assert.Equal(HttpStatusCode.InternalServerError, nodesStatus);
            Assert.Contains("cannot parse", nodes["message"]!.GetValue<string>(), StringComparison.Ordinal);
            var (statusStatus, _) = await ApiServerFixture.GetAsync(root, "cluster/status");
            Assert.Equal(HttpStatusCode.OK, statusStatus);
        }
        finally
        {
            File.Delete(server.PveDir.CorosyncConf);
        }
    }
}
