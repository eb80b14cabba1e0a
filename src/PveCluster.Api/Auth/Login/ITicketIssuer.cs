using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth.Login;

/// <summary>A ticket and the CSRF token that goes with it.</summary>
public sealed record IssuedTicket(string Ticket, string CsrfToken);

/// <summary>What the issuer decided: a ticket, or a refusal (with how long PAM took to say no, if PAM was asked).</summary>
public sealed record TicketOutcome(IssuedTicket? Issued, TimeSpan? PamFailure)
{
    public static TicketOutcome Refused { get; } = new(null, null);
}

/// <summary>
/// Checks credentials and signs tickets: needs PAM and the private key in <c>priv/</c>, so it is pvedaemon's job
/// (<see cref="LocalTicketIssuer"/>); pveproxy asks it over the socket (<see cref="Proxy.DaemonTicketIssuer"/>).
/// </summary>
public interface ITicketIssuer
{
    /// <param name="user">Parsed and checked by the caller.</param>
    /// <param name="password">A PAM password, or a still valid ticket of the same user to renew.</param>
    /// <param name="remoteHost">The client, for PAM's rhost and the log.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    Task<TicketOutcome> IssueAsync(UserId user, string password, string? remoteHost, CancellationToken cancellationToken);
}
