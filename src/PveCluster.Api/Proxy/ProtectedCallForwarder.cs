using PveCluster.Api.Auth;
using PveCluster.Api.Daemon;
using PveCluster.Api.Envelope;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Proxy;

/// <summary>
/// pveproxy's endpoint filter for <see cref="ProtectedEndpoint"/>s: after the ticket, CSRF and parameter checks, the
/// call goes to pvedaemon with the authenticated user and the checked parameters (as a form), and pvedaemon's answer
/// is relayed. The handler itself never runs in pveproxy.
/// </summary>
public static class ProtectedCallForwarder
{
    /// <summary>Adds the filter to <paramref name="group"/>; it must come after <see cref="ParameterFilter.AddTo"/>.</summary>
    public static void AddTo(RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!ProtectedEndpoint.IsProtected(http.GetEndpoint()))
            {
                return await next(context).ConfigureAwait(false);
            }

            var daemon = http.RequestServices.GetRequiredService<DaemonClient>();
            using var request = ForDaemon(http);
            return new ForwardedResponse(await daemon.SendAsync(request, http.RequestAborted).ConfigureAwait(false));
        });
    }

    /// <summary>The daemon's request: same method and path, the user pveproxy authenticated, the parameters it checked.</summary>
    public static HttpRequestMessage ForDaemon(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), http.Request.Path.ToUriComponent())
        {
            Content = new FormUrlEncodedContent(RequestParameters.Of(http)),
        };
        request.Headers.Add(DaemonHeaders.User, AuthenticatedUser.Get(http).ToString());
        return request;
    }
}
