using PveCluster.Api.Cluster;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Proxy;

/// <summary>
/// pveproxy, after the ticket check: a request for <c>/nodes/{other}/...</c> is answered by that member's pveproxy
/// (<see cref="NodeRoute"/>, <see cref="PeerNodeClient"/>), so endpoint handlers only ever see their own node.
/// </summary>
public sealed class NodeForwardingMiddleware(RequestDelegate next, MembersReader members, PeerNodeClient peers, ApiOptions options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (NodeRoute.NodeOf(context.Request.Path) is not { } node)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var forwardedBy = context.Request.Headers[NodeRoute.ForwardedByHeader].ToString();
        if (NodeRoute.Decide(node, options.Node, forwardedBy, members.TryRead()) is not NodeTarget.Remote remote)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var response = await peers.ForwardAsync(remote, context).ConfigureAwait(false);
        await new ForwardedResponse(response).ExecuteAsync(context).ConfigureAwait(false);
    }
}
