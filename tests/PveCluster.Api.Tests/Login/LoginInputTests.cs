using System.Net;
using System.Net.Http.Json;

namespace PveCluster.Api.Tests.Login;

/// <summary>What the login accepts as input: credentials only in the body, no control characters, no unknown parameters.</summary>
public sealed class LoginInputTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Password_in_the_query_string_is_refused_even_with_a_valid_ticket()
    {
        using var client = server.Client();
        var url = "access/ticket?password=" + Uri.EscapeDataString(server.Ticket());
        var (status, body) = await ApiServerFixture.PostFormAsync(client, url, new() { ["username"] = "root@pam" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("request body", body["errors"]!["password"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task User_name_in_the_query_string_is_refused()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket?username=root%40pam",
            new() { ["password"] = server.Ticket() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(body["errors"]!["username"]);
    }

    [Theory]
    [InlineData("root@pam\n")]
    [InlineData("root@pam\r")]
    [InlineData("root\t@pam")]
    [InlineData("root@pam\0")]
    public async Task User_name_with_a_control_character_is_refused_even_with_a_valid_ticket(string username)
    {
        using var client = server.Client();
        using var response = await client.PostAsJsonAsync("access/ticket", new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = server.Ticket(),
        });
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("control characters", body["errors"]!["username"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_login_parameter_is_named_in_a_400()
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = "root@pam", ["password"] = server.Ticket(), ["privs"] = "Sys.Audit" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Parameter verification failed.\n", body["message"]!.GetValue<string>());
        Assert.Equal(
            "property is not defined in schema and the schema does not allow additional properties",
            body["errors"]!["privs"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_gui_new_format_flag_is_accepted()
    {
        using var client = server.Client();
        var (status, _) = await ApiServerFixture.PostFormAsync(client, "access/ticket",
            new() { ["username"] = "root@pam", ["password"] = server.Ticket(), ["new-format"] = "1" });
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
