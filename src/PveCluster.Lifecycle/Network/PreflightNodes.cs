using PveCluster.Core.CorosyncConf;

namespace PveCluster.Lifecycle.Network;

/// <summary>The cluster's nodes as the preflight reaches them.</summary>
public static class PreflightNodes
{
    /// <summary>This node runs its probe itself; the others are reached over SSH at their lowest-numbered link address.</summary>
    public static IReadOnlyList<PreflightNode> Of(CorosyncConfig config, string localNode)
    {
        ArgumentNullException.ThrowIfNull(config);
        return
        [
            .. config.Nodes.Select(n => string.Equals(n.Name, localNode, StringComparison.OrdinalIgnoreCase)
                ? new PreflightNode(n.Name!, null)
                : new PreflightNode(n.Name ?? "?", n.LinkAddresses.Values.FirstOrDefault())),
        ];
    }
}
