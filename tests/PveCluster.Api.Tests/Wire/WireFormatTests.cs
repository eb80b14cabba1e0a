using PveCluster.Api.Auth;

namespace PveCluster.Api.Tests.Wire;

/// <summary>
/// The bytes Proxmox clients depend on (pve-http-server's JSON formatter and auth handler): the content type string,
/// the envelope, status lines with the message as reason, and the ticket cookie.
/// </summary>
public sealed class WireFormatTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    private const string ProxmoxContentType = "application/json;charset=UTF-8";

    [Fact]
    public async Task Success_is_the_data_envelope_with_proxmox_content_type()
    {
        var response = await RawHttps.SendAsync(server, "GET", "cluster/config/apiversion", server.Ticket());

        Assert.Equal("HTTP/1.1 200 OK", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
        Assert.Equal("""{"data":1}""", response.Body);
    }

    [Fact]
    public async Task Missing_ticket_is_401_with_message_as_reason_and_in_the_envelope()
    {
        var response = await RawHttps.SendAsync(server, "GET", "cluster/status");

        Assert.Equal("HTTP/1.1 401 No ticket", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
        Assert.Equal("""{"data":null,"message":"No ticket\n"}""", response.Body);
    }

    [Fact]
    public async Task Unusable_ticket_has_the_reason_clients_match_to_log_in_again()
    {
        var response = await RawHttps.SendAsync(server, "GET", "cluster/status", server.Ticket(at: DateTimeOffset.UtcNow.AddHours(-3)));

        Assert.Equal("HTTP/1.1 401 permission denied - invalid PVE ticket", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
        Assert.Equal("""{"data":null,"message":"permission denied - invalid PVE ticket (ticket expired)\n"}""", response.Body);
    }

    [Fact]
    public async Task Parameter_error_is_400_with_errors_per_parameter()
    {
        var response = await RawHttps.SendAsync(server, "GET", "cluster/status?bogus=1", server.Ticket());

        Assert.Equal("HTTP/1.1 400 Parameter verification failed.", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
        Assert.Equal(
            """{"data":null,"message":"Parameter verification failed.\n","errors":{"bogus":"property is not defined in schema and the schema does not allow additional properties"}}""",
            response.Body);
    }

    [Fact]
    public async Task Unknown_path_is_501()
    {
        var response = await RawHttps.SendAsync(server, "GET", "cluster/nothing-here", server.Ticket());

        Assert.Equal("HTTP/1.1 501 Method 'GET /api2/json/cluster/nothing-here' not implemented", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
    }

    [Fact]
    public async Task Login_sets_the_ticket_cookie_as_proxmox_writes_it()
    {
        var renew = Uri.EscapeDataString(server.Ticket(at: DateTimeOffset.UtcNow.AddMinutes(-5)));
        var response = await RawHttps.SendAsync(server, "POST", "access/ticket", formBody: $"username=root%40pam&password={renew}");

        Assert.Equal("HTTP/1.1 200 OK", response.StatusLine);
        Assert.Equal([ProxmoxContentType], response.Header("Content-Type"));
        var ticket = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!["data"]!["ticket"]!.GetValue<string>();
        Assert.Equal([$"PVEAuthCookie={Uri.EscapeDataString(ticket)}; path=/; secure; SameSite=Lax;"], response.Header("Set-Cookie"));
        Assert.Equal(AuthHeaders.TicketSetCookie(ticket), response.Header("Set-Cookie").Single());
    }
}
