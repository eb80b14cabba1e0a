using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;
using PveCluster.Api.Proxy;

namespace PveCluster.Api.Auth;

/// <summary>
/// Every API call except the login itself needs a valid ticket in the <c>PVEAuthCookie</c> cookie, and every
/// state-changing call also the matching <c>CSRFPreventionToken</c> header (checked by pvedaemon, which holds the
/// secret; see <see cref="DaemonCsrfCheck"/>).
/// </summary>
public sealed class TicketAuthMiddleware(
    RequestDelegate next,
    AuthKeyStore keys,
    DaemonCsrfCheck csrfCheck,
    ApiOptions options,
    TimeProvider time,
    ILogger<TicketAuthMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsLogin(context.Request))
        {
            await next(context).ConfigureAwait(false);
            return;
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
            throw ApiException.Unauthorized($"permission denied - {check.Describe()}");
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

            if (await csrfCheck.VerifyAsync(user, csrf, context.RequestAborted).ConfigureAwait(false) is { } failure)
            {
                throw ApiException.Unauthorized($"Permission denied - invalid CSRF token ({failure})");
            }
        }

        AuthenticatedUser.Set(context, user);
        await next(context).ConfigureAwait(false);
    }

    private static bool IsLogin(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.Equals("/api2/json/access/ticket", StringComparison.OrdinalIgnoreCase);
}
