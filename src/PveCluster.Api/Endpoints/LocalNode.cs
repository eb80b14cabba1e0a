using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Endpoints;

/// <summary>
/// <c>/nodes/{node}</c> paths answer for this node only; <c>localhost</c> means this node, as in Proxmox.
/// Forwarding to another member is not implemented yet, and saying so beats answering with local data.
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

        throw new ApiException(StatusCodes.Status501NotImplemented,
            $"node '{node}' is not the local node '{options.Node}'; forwarding requests to other nodes is not implemented");
    }
}
