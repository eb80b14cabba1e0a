using System.Net;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// pveproxy's half of a login: a still valid ticket of the same user renews itself (never throttled, so an attack on a
/// user name does not end that user's running sessions); a password goes through <see cref="LoginThrottle"/> and, for
/// allowed <c>@pam</c> users only, to pvedaemon (<see cref="ITicketIssuer"/>), which asks PAM and signs the ticket.
/// Every failure takes about as long as a failed PAM call.
/// </summary>
public sealed class LoginService(
    AuthKeyStore keys,
    ITicketIssuer issuer,
    LoginThrottle throttle,
    FailureTiming timing,
    ApiOptions options,
    TimeProvider time,
    ILogger<LoginService> logger)
{
    public const string LoginFailed = "authentication failure";

    private const int MaxPasswordLength = 1024;

    /// <exception cref="ApiException">400 for malformed input, 401 for wrong credentials, 429/503 when throttled.</exception>
    public async Task<(UserId User, string Ticket, string CsrfToken)> LoginAsync(
        string username, string? realm, string password, IPAddress? remote, CancellationToken cancellationToken)
    {
        var user = ParseUser(username, realm);
        if (password.Length > MaxPasswordLength)
        {
            throw ApiException.BadParameter("password", $"value may only be {MaxPasswordLength} characters long");
        }

        var client = ClientAddress.From(remote);
        var isTicket = password.StartsWith(AuthTicket.Prefix + ":", StringComparison.Ordinal);
        if (isTicket && IsRenewal(user, password)
            && (await issuer.IssueAsync(user, password, client.Display, cancellationToken).ConfigureAwait(false)).Issued is { } renewed)
        {
            return (user, renewed.Ticket, renewed.CsrfToken);
        }

        var started = FailureTiming.Start();
        using var permit = throttle.Begin(client, user.ToString());
        if (!isTicket && MayAskPam(user))
        {
            var outcome = await issuer.IssueAsync(user, password, client.Display, cancellationToken).ConfigureAwait(false);
            if (outcome.Issued is { } issued)
            {
                permit.Succeeded();
                return (user, issued.Ticket, issued.CsrfToken);
            }

            if (outcome.PamFailure is { } duration)
            {
                timing.ObservePamFailure(duration);
            }
        }

        permit.Failed();
        logger.LogWarning("authentication failure; rhost={Remote} user={User}", client.Display, user);
        await timing.PadAsync(started, cancellationToken).ConfigureAwait(false);
        throw ApiException.Unauthorized(LoginFailed);
    }

    /// <summary><c>name@realm</c>, or <c>name</c> plus <c>realm</c>; control characters (a trailing newline) are refused.</summary>
    public static UserId ParseUser(string username, string? realm)
    {
        ArgumentNullException.ThrowIfNull(username);
        if (username.Any(char.IsControl) || (realm?.Any(char.IsControl) ?? false))
        {
            throw ApiException.BadParameter(realm?.Any(char.IsControl) ?? false ? "realm" : "username",
                "value must not contain control characters (newline, tab, NUL, ...)");
        }

        if (realm is { Length: > 0 } && !username.Contains('@', StringComparison.Ordinal))
        {
            username = $"{username}@{realm}";
        }

        return UserId.TryParse(username, out var user)
            ? user
            : throw ApiException.BadParameter("username", "value does not look like a valid user name (name@realm)");
    }

    private bool IsRenewal(UserId user, string ticket)
    {
        var check = keys.VerifyTicket(ticket, time.GetUtcNow());
        return check.IsValid && check.User == user && options.AllowedUsers.Contains(user);
    }

    /// <summary>
    /// Without ACLs only the configured administrators may log in; anyone else fails exactly like a wrong password,
    /// without the password ever leaving this process.
    /// </summary>
    private bool MayAskPam(UserId user) =>
        options.AllowedUsers.Contains(user) && string.Equals(user.Realm, "pam", StringComparison.Ordinal);
}
