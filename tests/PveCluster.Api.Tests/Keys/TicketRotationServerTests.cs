using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace PveCluster.Api.Tests.Keys;

/// <summary>Rotation and renewal on the live server, with its clock in the test's hand.</summary>
public sealed class TicketRotationServerTests(TicketRotationServerTests.Server server) : IClassFixture<TicketRotationServerTests.Server>
{
    [Fact]
    public async Task Renewal_rotates_a_due_key_old_tickets_work_until_they_expire_and_expired_ones_never_renew()
    {
        var start = server.Clock.GetUtcNow();
        var first = await RenewAsync(server.Ticket(at: start - TimeSpan.FromMinutes(30)));
        Assert.False(File.Exists(server.PveDir.AuthPublicKeyOld));

        server.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(10));
        var second = await RenewAsync(first);
        Assert.True(File.Exists(server.PveDir.AuthPublicKeyOld), "the 24 h old key was not rotated");

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(first));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(second));

        server.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(first));
        using var client = server.Client();
        var (status, _) = await ApiServerFixture.PostFormAsync(client, "access/ticket", new() { ["username"] = "root@pam", ["password"] = first });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(second));
    }

    private async Task<string> RenewAsync(string ticket)
    {
        using var client = server.Client();
        var (status, body) = await ApiServerFixture.PostFormAsync(client, "access/ticket", new() { ["username"] = "root@pam", ["password"] = ticket });
        Assert.Equal(HttpStatusCode.OK, status);
        return body["data"]!["ticket"]!.GetValue<string>();
    }

    private async Task<HttpStatusCode> StatusWithAsync(string ticket)
    {
        using var client = server.Client(ticket);
        var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
        return status;
    }

    /// <summary>A server on a test clock whose key is 23 hours old.</summary>
    public sealed class Server : ApiServerFixture
    {
        public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override TimeProvider Time => Clock;

        protected override TimeSpan KeyAge => TimeSpan.FromHours(23);
    }
}
