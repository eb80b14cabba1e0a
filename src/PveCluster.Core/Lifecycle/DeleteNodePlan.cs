using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>The decision for <c>pvecm delnode</c>; outputs are null when refused.</summary>
public sealed class DeleteNodePlan : Plan
{
    internal DeleteNodePlan(
        string title, PlanBuilder findings, string? nodeName, ulong? nodeId, CorosyncConfig? newConfig, QuorumChange? quorum)
        : base(title, findings)
    {
        NodeName = nodeName;
        NodeId = nodeId;
        NewConfig = newConfig;
        Quorum = quorum;
    }

    /// <summary>The resolved node name (the request may name an address).</summary>
    public string? NodeName { get; }

    /// <summary>The node's id, to kill it in corosync (<c>corosync-cfgtool -k</c>).</summary>
    public ulong? NodeId { get; }

    /// <summary>The corosync.conf without the node, two_node removed, config_version bumped.</summary>
    public CorosyncConfig? NewConfig { get; }

    /// <summary>The text to write to /etc/pve/corosync.conf.</summary>
    public string? CorosyncConf => NewConfig?.Write();

    /// <summary>Expected votes and quorum before and after.</summary>
    public QuorumChange? Quorum { get; }
}
