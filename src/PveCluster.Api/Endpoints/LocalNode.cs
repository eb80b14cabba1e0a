using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>/nodes/{node}</c> handlers answer for this node only; <c>localhost</c> means this node, as in Proxmox.
/// pveproxy forwards requests for other members before a handler runs (<see cref="Proxy.NodeForwardingMiddleware"/>),
/// so this is the last guard against answering with local data.
/// </summary>
public static class LocalNode
{
    public static void Ensure(string node, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.Equals(node, "localhost", StringComparison.Ordinal)
            || string.Equals(node, options.Node, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        throw new ApiException(StatusCodes.Status400BadRequest,
            $"node '{node}' is not the local node '{options.Node}' (pveproxy forwards requests for other nodes)");
    }
}
