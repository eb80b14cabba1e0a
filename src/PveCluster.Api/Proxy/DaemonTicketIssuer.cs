using System.Net;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Daemon;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Proxy;

/// <summary>pveproxy's <see cref="ITicketIssuer"/>: the credentials go to pvedaemon, which alone can ask PAM and sign.</summary>
public sealed class DaemonTicketIssuer(DaemonClient daemon) : ITicketIssuer
{
    public async Task<TicketOutcome> IssueAsync(UserId user, string password, string? remoteHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, InternalEndpoints.TicketPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = user.ToString(),
                ["password"] = password,
                ["rhost"] = remoteHost ?? "",
            }),
        };
        using var response = await daemon.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await DaemonResponse.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK && body["data"] is { } data)
        {
            return new TicketOutcome(new IssuedTicket(data["ticket"]!.GetValue<string>(), data["CSRFPreventionToken"]!.GetValue<string>()), null);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return new TicketOutcome(null, body["pam_failure_ms"] is { } ms ? TimeSpan.FromMilliseconds(ms.GetValue<long>()) : null);
        }

        throw DaemonResponse.Unexpected(response, body);
    }
}
