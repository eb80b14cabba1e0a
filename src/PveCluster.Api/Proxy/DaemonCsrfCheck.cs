using System.Net;
using PveCluster.Api.Daemon;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Proxy;

/// <summary>
/// Checks a CSRF token for pveproxy. The secret lives in <c>priv/pve-www.key</c>, which www-data cannot read (Proxmox
/// reads it as root before dropping to www-data; here it never enters the network-facing process), so pvedaemon
/// computes the check; pveproxy refuses the request.
/// </summary>
public sealed class DaemonCsrfCheck(DaemonClient daemon)
{
    /// <summary>Null when the token is valid for <paramref name="user"/>, else why not.</summary>
    public async Task<AuthFailure?> VerifyAsync(UserId user, string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, InternalEndpoints.CsrfPath)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user.ToString(), ["token"] = token }),
        };
        using var response = await daemon.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await DaemonResponse.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw DaemonResponse.Unexpected(response, body);
        }

        return body["data"]?.GetValue<string>() is { } failure
            ? Enum.TryParse<AuthFailure>(failure, out var known) ? known : AuthFailure.Malformed
            : null;
    }
}
