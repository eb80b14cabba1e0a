using System.Net;
using System.Text;

namespace PveCluster.Api.Tests.Envelope;

/// <summary>Parameter checking on the live server: Proxmox's error envelope, 400 for every kind of bad input, never framework text.</summary>
public sealed class ApiParameterTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Unknown_query_parameter_is_a_400_naming_it()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.GetAsync(client, "cluster/status?verbose=1");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);
        Assert.Equal(
            "property is not defined in schema and the schema does not allow additional properties",
            body["errors"]!["verbose"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_status_line_carries_the_message_as_in_proxmox()
    {
        using var client = server.RootClient();
        using var response = await client.GetAsync("cluster/status?verbose=1");
        Assert.Equal("Parameter verification failed.", response.ReasonPhrase);
    }

    [Fact]
    public async Task The_gui_cache_buster_is_ignored()
    {
        using var client = server.RootClient();
        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status?_dc=1733050000000");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("votes", "4294967296", "maximum value of 4294967295")]
    [InlineData("votes", "18446744073709551615", "maximum value of 4294967295")]
    [InlineData("votes", "99999999999999999999999", "maximum value of 4294967295")]
    [InlineData("votes", "-1", "minimum value of 0")]
    [InlineData("votes", "1.5", "type check ('integer') failed")]
    [InlineData("nodeid", "0", "minimum value of 1")]
    [InlineData("nodeid", "4294967296", "maximum value of 4294967295")]
    public async Task Integers_out_of_range_are_a_400(string name, string value, string problem)
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config",
            new() { ["clustername"] = "c1", [name] = value });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(problem, body["errors"]![name]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_password_in_the_query_string_is_refused()
    {
        using var client = server.RootClient();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "cluster/config/join?password=secret",
            new() { ["hostname"] = "192.0.2.1" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("request body", body["errors"]!["password"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameter_given_twice_is_a_400()
    {
        using var client = server.RootClient();
        using var content = new StringContent("clustername=a&clustername=b", Encoding.ASCII, "application/x-www-form-urlencoded");
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "cluster/config") { Content = content });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("more than once", body["errors"]!["clustername"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/json", "{\"clustername\": ")]
    [InlineData("application/json", "[1, 2]")]
    [InlineData("application/json", "{\"clustername\": {\"nested\": 1}}")]
    [InlineData("multipart/form-data", "--x\r\n")]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%&=")]
    public async Task Malformed_bodies_are_a_400_without_framework_text(string contentType, string text)
    {
        using var client = server.RootClient();
        using var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "cluster/config") { Content = content };
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        foreach (var leak in new[] { "Exception", "System.", "Microsoft.", "LineNumber", "BytePositionInLine", "boundary" })
        {
            Assert.DoesNotContain(leak, body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xFF, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC3, (byte)'"', (byte)':', (byte)'1', (byte)'}' })]
    public async Task Json_with_invalid_utf8_is_a_400(byte[] bytes)
    {
        using var client = server.RootClient();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "cluster/config") { Content = content });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("invalid JSON body", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_of_an_unsupported_type_is_a_415()
    {
        using var client = server.RootClient();
        using var content = new StringContent("clustername=c1", Encoding.UTF8, "text/plain");
        var (status, body) = await ApiServerFixture.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "cluster/config") { Content = content });
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/x-www-form-urlencoded", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
