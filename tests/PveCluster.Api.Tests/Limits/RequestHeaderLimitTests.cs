using System.Net;

namespace PveCluster.Api.Tests.Limits;

/// <summary>Request line and header limits on the live server (Kestrel answers these itself, before any endpoint).</summary>
public sealed class RequestHeaderLimitTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Headers_over_16_KiB_in_total_are_refused_with_431()
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "cluster/status");
        for (var i = 0; i < 4; i++)
        {
            request.Headers.Add($"X-Filler-{i}", new string('h', 5000));
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task More_than_64_header_lines_are_refused_with_431()
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "cluster/status");
        for (var i = 0; i < 70; i++)
        {
            request.Headers.Add($"X-Many-{i}", "1");
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Request_line_over_8_KiB_is_refused_with_414()
    {
        using var client = server.Client();
        using var response = await client.GetAsync("cluster/status?_dc=" + new string('1', 9000));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
    }

    [Fact]
    public async Task Ordinary_request_with_a_ticket_cookie_passes_the_limits()
    {
        using var client = server.Client(server.Ticket());
        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
