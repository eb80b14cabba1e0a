using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Envelope;

namespace PveCluster.Api.Tests.Login;

public sealed class LoginThrottleTests
{
    private static readonly LoginPolicy Policy = new()
    {
        FreeFailures = 3,
        FirstDelay = TimeSpan.FromSeconds(1),
        MaxAddressDelay = TimeSpan.FromSeconds(60),
        MaxUserDelay = TimeSpan.FromSeconds(8),
        ForgetAfter = TimeSpan.FromMinutes(15),
        MaxTrackedAddresses = 100,
        MaxTrackedUsers = 100,
        MaxConcurrentLogins = 4,
    };

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Free_failures_then_a_delay_that_doubles_up_to_the_cap()
    {
        var throttle = new LoginThrottle(Policy, _time);
        var address = Address("198.51.100.7");
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            Fail(throttle, address, "u" + i);
        }

        var waits = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            Fail(throttle, address, "other" + i);
            var refusal = Assert.Throws<ApiException>(() => throttle.Begin(address, "fresh"));
            Assert.Equal(StatusCodes.Status429TooManyRequests, refusal.StatusCode);
            waits.Add(refusal.RetryAfter!.Value.TotalSeconds);
            _time.Advance(refusal.RetryAfter.Value);
        }

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], waits);
    }

    [Fact]
    public void A_user_name_is_throttled_from_every_address_with_a_short_cap()
    {
        var throttle = new LoginThrottle(Policy, _time);
        for (var i = 0; i < Policy.FreeFailures + 5; i++)
        {
            Fail(throttle, Address($"198.51.100.{i + 1}"), "root@pam");
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Fail(throttle, Address("203.0.113.1"), "root@pam");
        var refusal = Assert.Throws<ApiException>(() => throttle.Begin(Address("203.0.113.2"), "root@pam"));
        Assert.Equal(Policy.MaxUserDelay, refusal.RetryAfter);
        using var other = throttle.Begin(Address("203.0.113.2"), "alice@pam");
    }

    [Fact]
    public void Success_clears_the_record_and_quiet_time_forgets_it()
    {
        var throttle = new LoginThrottle(Policy, _time);
        var address = Address("198.51.100.9");
        for (var i = 0; i <= Policy.FreeFailures; i++)
        {
            Fail(throttle, address, "root@pam");
        }

        Assert.Throws<ApiException>(() => throttle.Begin(address, "root@pam"));
        _time.Advance(TimeSpan.FromSeconds(1));
        using (var permit = throttle.Begin(address, "root@pam"))
        {
            permit.Succeeded();
        }

        // Cleared: the free failures are available again.
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            Fail(throttle, address, "root@pam");
        }

        using (throttle.Begin(address, "root@pam"))
        {
        }

        Fail(throttle, address, "root@pam");
        Assert.Throws<ApiException>(() => throttle.Begin(address, "root@pam"));
        _time.Advance(Policy.ForgetAfter + TimeSpan.FromSeconds(1));
        for (var i = 0; i < Policy.FreeFailures; i++)
        {
            Fail(throttle, address, "root@pam");
        }
    }

    [Fact]
    public void Concurrent_checks_are_bounded_per_address_and_server_wide()
    {
        var throttle = new LoginThrottle(Policy, _time);
        var address = Address("198.51.100.20");
        using var first = throttle.Begin(address, "a@pam");
        using var second = throttle.Begin(address, "b@pam");
        var perAddress = Assert.Throws<ApiException>(() => throttle.Begin(address, "c@pam"));
        Assert.Equal(StatusCodes.Status429TooManyRequests, perAddress.StatusCode);

        using var third = throttle.Begin(Address("198.51.100.21"), "d@pam");
        using var fourth = throttle.Begin(Address("198.51.100.22"), "e@pam");
        var busy = Assert.Throws<ApiException>(() => throttle.Begin(Address("198.51.100.23"), "f@pam"));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, busy.StatusCode);
        Assert.NotNull(busy.RetryAfter);

        first.Dispose();
        using var again = throttle.Begin(Address("198.51.100.23"), "f@pam");
        Assert.Equal(Policy.MaxConcurrentLogins, throttle.InFlight);
    }

    [Fact]
    public void Ipv6_clients_are_counted_per_64_network()
    {
        var throttle = new LoginThrottle(Policy, _time);
        for (var i = 0; i <= Policy.FreeFailures; i++)
        {
            Fail(throttle, Address($"2001:db8:1:2::{i + 1:x}"), "u" + i);
        }

        Assert.Throws<ApiException>(() => throttle.Begin(Address("2001:db8:1:2:ffff::1"), "x@pam"));
        using var otherNetwork = throttle.Begin(Address("2001:db8:1:3::1"), "x@pam");
    }

    [Fact]
    public void Tables_stay_bounded_under_a_flood_of_new_names_and_addresses()
    {
        var table = new ExpiringLruTable<LoginThrottle.FailureRecord>(100, (_, _) => false);
        for (var i = 0; i < 100_000; i++)
        {
            table.Touch("user" + i, _time.GetUtcNow());
        }

        Assert.Equal(100, table.Count);
        Assert.NotNull(table.Find("user99999", _time.GetUtcNow()));
        Assert.Null(table.Find("user0", _time.GetUtcNow()));
    }

    private static ClientAddress Address(string text) => ClientAddress.From(IPAddress.Parse(text));

    private static void Fail(LoginThrottle throttle, ClientAddress address, string user)
    {
        using var permit = throttle.Begin(address, user);
        permit.Failed();
    }
}
