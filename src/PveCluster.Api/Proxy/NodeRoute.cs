using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Hosting;

namespace PveCluster.Api.Proxy;

/// <summary>
/// Decides who answers a <c>/nodes/{node}/...</c> request, as pveproxy does: this node (its name or
/// <c>localhost</c>), else the member of that name if pmxcfs lists it online with an address. Unknown nodes, offline
/// nodes and a request that was already forwarded once get a clear error instead.
/// </summary>
public static class NodeRoute
{
    /// <summary>Set by the forwarding node; a forwarded request is never forwarded again (two nodes disagreeing on names would loop).</summary>
    public const string ForwardedByHeader = "X-PVE-Forwarded-By";

    /// <summary>Proxmox's status for "the node cannot be reached" (pveproxy answers 595 when connecting fails).</summary>
    public const int NodeUnreachable = 595;

    private const string NodesPrefix = ApiServer.ApiPrefix + "/nodes/";

    /// <summary>The <c>{node}</c> of an API path under <c>/nodes/{node}</c>, or null for any other path.</summary>
    public static string? NodeOf(PathString path)
    {
        var text = path.Value ?? "";
        if (!text.StartsWith(NodesPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var rest = text[NodesPrefix.Length..];
        var end = rest.IndexOf('/', StringComparison.Ordinal);
        var node = end < 0 ? rest : rest[..end];
        return node.Length == 0 ? null : Uri.UnescapeDataString(node);
    }

    /// <exception cref="ApiException">404 unknown node, 595 offline or without address, 508 already forwarded.</exception>
    public static NodeTarget Decide(string node, string localNode, string? forwardedBy, MembersJson? members)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.Equals(node, "localhost", StringComparison.Ordinal) || string.Equals(node, localNode, StringComparison.OrdinalIgnoreCase))
        {
            return new NodeTarget.Local();
        }

        if (!string.IsNullOrEmpty(forwardedBy))
        {
            throw new ApiException(StatusCodes.Status508LoopDetected,
                $"request for node '{node}' was forwarded here by node '{forwardedBy}', but this is node '{localNode}'; not forwarding it again");
        }

        if (members?.Cluster is null || members.Nodes is not { } nodes)
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"no such cluster node '{node}' (node '{localNode}' is not in a cluster)");
        }

        var (name, entry) = nodes.FirstOrDefault(n => string.Equals(n.Key, node, StringComparison.OrdinalIgnoreCase));
        if (name is null || entry is null)
        {
            throw new ApiException(StatusCodes.Status404NotFound,
                $"no such cluster node '{node}' (members: {string.Join(", ", nodes.Keys.Order(StringComparer.Ordinal))})");
        }

        if (entry.Online == 0)
        {
            throw new ApiException(NodeUnreachable, $"node '{name}' is offline (not a member of the cluster's current membership)");
        }

        return entry.Ip is { Length: > 0 } address
            ? new NodeTarget.Remote(name, address)
            : throw new ApiException(NodeUnreachable, $"no address known for node '{name}' (.members lists none)");
    }
}
