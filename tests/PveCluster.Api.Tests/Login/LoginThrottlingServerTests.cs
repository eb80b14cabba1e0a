using System.Net;
using PveCluster.Api.Auth.Login;

namespace PveCluster.Api.Tests.Login;

/// <summary>Throttling as a client sees it on the live server (failures here never reach PAM: forged tickets, unknown users).</summary>
public sealed class LoginThrottlingServerTests(LoginThrottlingServerTests.Server server) : IClassFixture<LoginThrottlingServerTests.Server>
{
    [Fact]
    public async Task Repeated_failures_from_one_address_get_429_with_retry_after()
    {
        using var client = server.Client(from: IPAddress.Parse("127.0.0.11"));
        for (var i = 0; i < Server.FreeFailures; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, $"nobody{i}@pam", "wrong"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(client, "nobody@pam", "wrong"));
        using var response = await client.PostAsync("access/ticket", Form("nobody2@pam", "wrong"));
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");

        using var elsewhere = server.Client(from: IPAddress.Parse("127.0.0.12"));
        Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(elsewhere, "somebody@pam", "wrong"));
    }

    [Fact]
    public async Task A_user_under_attack_is_throttled_but_a_valid_ticket_still_renews()
    {
        for (var i = 0; i <= Server.FreeFailures; i++)
        {
            using var attacker = server.Client(from: IPAddress.Parse($"127.0.1.{i + 1}"));
            Assert.Equal(HttpStatusCode.Unauthorized, await LoginAsync(attacker, "root@pam", "PVE:root@pam:00000000::forged"));
        }

        using var admin = server.Client(from: IPAddress.Parse("127.0.2.1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await LoginAsync(admin, "root@pam", "a password guess"));
        Assert.Equal(HttpStatusCode.OK, await LoginAsync(admin, "root@pam", server.Ticket()));
    }

    private static async Task<HttpStatusCode> LoginAsync(HttpClient client, string user, string password)
    {
        using var response = await client.PostAsync("access/ticket", Form(user, password));
        return response.StatusCode;
    }

    private static FormUrlEncodedContent Form(string user, string password) =>
        new(new Dictionary<string, string> { ["username"] = user, ["password"] = password });

    /// <summary>Few free failures and a long first delay, so throttling shows within a handful of requests.</summary>
    public sealed class Server : ApiServerFixture
    {
        public const int FreeFailures = 2;

        protected override LoginPolicy Login => new()
        {
            FreeFailures = FreeFailures,
            FirstDelay = TimeSpan.FromMinutes(1),
            InitialFailureDuration = TimeSpan.FromMilliseconds(50),
        };
    }
}
