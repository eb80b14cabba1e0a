namespace PveCluster.Api.Auth.Login;

/// <summary>
/// How hard password guessing is made. After <see cref="FreeFailures"/> failed logins a client address (or a user
/// name) has to wait before its next password is even checked; the wait doubles with every further failure up to
/// a cap, and the record is forgotten after a quiet period. Per-user caps are short on purpose: a user block also
/// blocks the real user (a valid ticket still renews, see <see cref="LoginService"/>).
/// </summary>
public sealed record LoginPolicy
{
    public int FreeFailures { get; init; } = 5;

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxAddressDelay { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxUserDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A record without a new failure for this long is dropped.</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Bounded tables: an attacker choosing addresses or user names cannot grow them (least recently failed go first).</summary>
    public int MaxTrackedAddresses { get; init; } = 8192;

    public int MaxTrackedUsers { get; init; } = 8192;

    public int MaxInFlightPerAddress { get; init; } = 2;

    public int MaxInFlightPerUser { get; init; } = 2;

    /// <summary>Logins being checked at once, server-wide; one more is refused with 503 at once.</summary>
    public int MaxConcurrentLogins { get; init; } = 16;

    /// <summary>Dedicated PAM threads (a failed PAM call blocks its thread for about 2 s by design).</summary>
    public int PamThreads { get; init; } = 4;

    /// <summary>What a failed PAM call costs before one was measured (pam_unix's default fail delay is 2 s).</summary>
    public TimeSpan InitialFailureDuration { get; init; } = TimeSpan.FromSeconds(2);
}
