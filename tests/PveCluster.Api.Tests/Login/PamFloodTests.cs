using System.Diagnostics;
using System.Net;

namespace PveCluster.Api.Tests.Login;

/// <summary>
/// Real PAM under a wrong-password flood (root only: creates a system user). The flood comes from 40 different
/// loopback addresses, so per-address throttling does not hide it.
/// </summary>
public sealed class PamFloodTests(PamLoginTests.Server server) : IClassFixture<PamLoginTests.Server>
{
    [RootFact]
    public Task Logged_in_requests_stay_fast_during_a_wrong_password_flood() => PamFlood.RunAsync(server);
}

/// <summary>
/// The same flood with throttling relaxed so that every login that fits the queue reaches PAM: only the dedicated
/// PAM threads and the bounded queue keep the rest of the API answering.
/// </summary>
public sealed class PamFloodWithoutThrottlingTests(PamFloodWithoutThrottlingTests.Server server) : IClassFixture<PamFloodWithoutThrottlingTests.Server>
{
    [RootFact]
    public Task Logged_in_requests_stay_fast_while_every_pam_thread_is_busy() => PamFlood.RunAsync(server);

    public sealed class Server : PamLoginTests.Server
    {
        protected override Api.Auth.Login.LoginPolicy Login => new()
        {
            FreeFailures = 1000,
            MaxInFlightPerUser = 1000,
            MaxInFlightPerAddress = 1000,
        };
    }
}

internal static class PamFlood
{
    private const int Attackers = 40;

    public static async Task RunAsync(PamLoginTests.Server server)
    {
        var user = server.RequireUser();
        using var admin = server.Client(server.Ticket());
        var baseline = await MeasureAsync(admin, 15);

        var clients = Enumerable.Range(0, Attackers).Select(i => server.Client(from: IPAddress.Parse($"127.0.3.{i + 1}"))).ToList();
        try
        {
            var flood = clients.Select(async client =>
            {
                using var response = await client.PostAsync("access/ticket", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["username"] = $"{user.Name}@pam",
                    ["password"] = "wrong-" + Guid.NewGuid(),
                }));
                return response.StatusCode;
            }).ToList();

            var during = await MeasureAsync(admin, 15);
            var statuses = await Task.WhenAll(flood);

            Assert.All(statuses, status => Assert.Contains(status,
                new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.ServiceUnavailable }));
            // The unfixed server answered in 4.8 s instead of 10 ms: every thread-pool thread sat in a PAM call.
            var allowed = TimeSpan.FromMilliseconds(Math.Max(10 * baseline.Median.TotalMilliseconds, 250));
            Assert.True(during.Median <= allowed, $"median GET during the flood {during.Median} (baseline {baseline.Median}, allowed {allowed})");
            Assert.True(during.Max <= allowed + TimeSpan.FromSeconds(1), $"slowest GET during the flood {during.Max} (baseline max {baseline.Max})");
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static async Task<(TimeSpan Median, TimeSpan Max)> MeasureAsync(HttpClient client, int count)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var (status, _) = await ApiServerFixture.GetAsync(client, "cluster/status");
            times.Add(watch.Elapsed);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        times.Sort();
        return (times[count / 2], times[^1]);
    }
}
