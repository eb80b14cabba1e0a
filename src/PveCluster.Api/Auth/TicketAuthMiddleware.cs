using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Auth;

/// <summary>
/// Every API call except the login itself (and the realm list) needs a valid ticket in the <c>PVEAuthCookie</c> cookie, and every
/// state-changing call also the matching <c>CSRFPreventionToken</c> header.
/// </summary>
public sealed class TicketAuthMiddleware(
    RequestDelegate next,
    AuthKeyStore keys,
    ApiOptions options,
    TimeProvider time,
    ILogger<TicketAuthMiddleware> logger)
{
    /// <summary>Proxmox's status line for any unusable ticket; clients compare it literally and then log in again.</summary>
    public const string InvalidTicket = "permission denied - invalid PVE ticket";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsOpen(context.Request))
        {
            return next(context);
        }

        if (!context.Request.Cookies.TryGetValue(AuthHeaders.TicketCookie, out var ticket) || string.IsNullOrEmpty(ticket))
        {
            throw ApiException.Unauthorized("No ticket");
        }

        var now = time.GetUtcNow();
        var check = keys.VerifyTicket(ticket, now);
        if (!check.IsValid)
        {
            logger.LogInformation("rejected ticket from {Remote}: {Reason}", context.Connection.RemoteIpAddress, check.Describe());
            throw new ApiException(StatusCodes.Status401Unauthorized, $"{InvalidTicket} ({check.Describe()})") { ReasonPhrase = InvalidTicket };
        }

        var user = check.User!;
        if (!options.AllowedUsers.Contains(user))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, $"Permission check failed (user '{user}' is not an administrator)");
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            var csrf = context.Request.Headers[AuthHeaders.CsrfHeader].ToString();
            if (string.IsNullOrEmpty(csrf))
            {
                throw ApiException.Unauthorized($"Permission denied - missing {AuthHeaders.CsrfHeader} header");
            }

            if (keys.VerifyCsrfToken(user, csrf, now) is { } failure)
            {
                throw ApiException.Unauthorized($"Permission denied - invalid CSRF token ({failure})");
            }
        }

        AuthenticatedUser.Set(context, user);
        return next(context);
    }

    /// <summary>The calls Proxmox answers without a ticket: the login, and the realm list the login form shows.</summary>
    private static bool IsOpen(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && request.Path.Equals("/api2/json/access/ticket", StringComparison.OrdinalIgnoreCase))
        || (HttpMethods.IsGet(request.Method) && request.Path.Equals("/api2/json/access/domains", StringComparison.OrdinalIgnoreCase));
}
