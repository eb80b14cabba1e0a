using System.Diagnostics;
using System.Net;

namespace PveCluster.Api.Tests.Login;

/// <summary>The answer time of a failed login does not tell whether the user exists or may log in (root only: real PAM).</summary>
public sealed class LoginTimingTests(PamLoginTests.Server server) : IClassFixture<PamLoginTests.Server>
{
    [RootFact]
    public async Task Unknown_and_not_allowed_users_fail_about_as_slowly_as_a_wrong_password()
    {
        var user = server.RequireUser();
        var wrongPassword = await FailureTimesAsync($"{user.Name}@pam", 1);
        var unknownUser = await FailureTimesAsync("nosuch" + Guid.NewGuid().ToString("N")[..8] + "@pam", 2);
        var otherRealm = await FailureTimesAsync($"{user.Name}@pve", 3);

        foreach (var (name, times) in new[] { ("unknown user", unknownUser), ("other realm", otherRealm) })
        {
            var ratio = Median(times) / Median(wrongPassword);
            Assert.True(ratio is > 0.5 and < 2.0,
                $"{name}: median {Median(times)} ms vs wrong password {Median(wrongPassword)} ms (ratio {ratio:F2})");
        }
    }

    private async Task<List<double>> FailureTimesAsync(string username, int network)
    {
        using var client = server.Client(from: IPAddress.Parse($"127.0.4.{network}"));
        var times = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync("access/ticket", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = username,
                ["password"] = "wrong-" + i,
            }));
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        return times;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
