using PveCluster.Api.Hosting;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// pvedaemon's ticket issuer. It trusts nothing pveproxy decided about the credentials: a renewal ticket is verified
/// again, a password goes to PAM (on <see cref="PamWorkerPool"/>'s threads), and only allowed users get a ticket.
/// </summary>
public sealed class LocalTicketIssuer(
    AuthKeyStore keys,
    PamWorkerPool pam,
    ApiOptions options,
    TimeProvider time,
    ILogger<LocalTicketIssuer> logger) : ITicketIssuer
{
    public async Task<TicketOutcome> IssueAsync(UserId user, string password, string? remoteHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (!options.AllowedUsers.Contains(user))
        {
            return TicketOutcome.Refused;
        }

        if (password.StartsWith(AuthTicket.Prefix + ":", StringComparison.Ordinal))
        {
            var check = keys.VerifyTicket(password, time.GetUtcNow());
            return check.IsValid && check.User == user ? Issue(user, remoteHost, "ticket renewal") : TicketOutcome.Refused;
        }

        // Without ACLs only the configured administrators may log in, and only PAM knows passwords.
        if (!string.Equals(user.Realm, "pam", StringComparison.Ordinal))
        {
            return TicketOutcome.Refused;
        }

        var (result, duration) = await pam.AuthenticateAsync(user.Name, password, remoteHost, cancellationToken).ConfigureAwait(false);
        return result.Success ? Issue(user, remoteHost, "password") : new TicketOutcome(null, duration);
    }

    private TicketOutcome Issue(UserId user, string? remoteHost, string how)
    {
        var now = time.GetUtcNow();
        var ticket = keys.CreateTicket(user, now);
        logger.LogInformation("successful auth for user '{User}' from {Remote} ({How})", user, remoteHost ?? "unknown", how);
        return new TicketOutcome(new IssuedTicket(ticket, keys.CreateCsrfToken(user, now)), null);
    }
}
