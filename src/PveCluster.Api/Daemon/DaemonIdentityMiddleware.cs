using PveCluster.Api.Auth;
using PveCluster.Api.Envelope;
using PveCluster.Api.Routing;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Daemon;

/// <summary>
/// pvedaemon's side of a forwarded call: the user pveproxy authenticated (its header), and nothing but protected
/// endpoints. The connection already passed <see cref="PeerCheck"/>, so the header comes from root or www-data.
/// </summary>
public sealed class DaemonIdentityMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ProtectedEndpoint.IsProtected(context.GetEndpoint()))
        {
            throw new ApiException(StatusCodes.Status404NotFound,
                $"'{context.Request.Method} {context.Request.Path}' is not a protected call; pvedaemon runs only those (pveproxy serves the rest)");
        }

        if (!UserId.TryParse(context.Request.Headers[DaemonHeaders.User].ToString(), out var user))
        {
            throw ApiException.Unauthorized($"no valid {DaemonHeaders.User} header (pveproxy sends the authenticated user)");
        }

        AuthenticatedUser.Set(context, user);
        return next(context);
    }
}
