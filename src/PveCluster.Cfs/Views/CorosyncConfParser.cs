using PveCluster.Core.CorosyncConf;

namespace PveCluster.Cfs.Views;

/// <summary>The cluster summary through the Core corosync.conf model; a node's address is its link 0 address.</summary>
internal sealed class CorosyncConfParser : IClusterConfigurationParser
{
    public ClusterConfiguration Parse(string text)
    {
        var config = CorosyncConfig.Parse(text);
        var name = config.Totem?.ClusterName ?? throw new FormatException("corosync.conf: totem.cluster_name is missing");
        var nodes = config.Nodes.Select(ToNode).ToList();
        return new ClusterConfiguration(name, config.Totem.ConfigVersion ?? 0, nodes);
    }

    private static ClusterNode ToNode(NodeView node)
    {
        var id = node.NodeId ?? throw new FormatException("corosync.conf: a node has no nodeid");
        if (id > uint.MaxValue)
            throw new FormatException($"corosync.conf: nodeid {id} is out of range");
        var address = node.GetLinkAddress(0) ?? node.LinkAddresses.Values.FirstOrDefault();
        var name = node.Name ?? address ?? throw new FormatException($"corosync.conf: node {id} has neither a name nor an address");
        return new ClusterNode(name, (uint)id, address);
    }
}
