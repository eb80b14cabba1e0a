using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>The receiving member's decision on a join request; outputs are null when refused.</summary>
public sealed class AddNodePlan : Plan
{
    internal AddNodePlan(
        string title, PlanBuilder findings, CorosyncConfig? newConfig, ulong? nodeId, ulong? votes,
        IReadOnlyDictionary<int, string> addresses, bool replacesExistingNode, QuorumChange? quorum)
        : base(title, findings)
    {
        NewConfig = newConfig;
        NodeId = nodeId;
        Votes = votes;
        Addresses = addresses;
        ReplacesExistingNode = replacesExistingNode;
        Quorum = quorum;
    }

    /// <summary>The new corosync.conf (node added, two_node removed, config_version bumped).</summary>
    public CorosyncConfig? NewConfig { get; }

    /// <summary>The text to write to /etc/pve/corosync.conf and return to the joining node.</summary>
    public string? CorosyncConf => NewConfig?.Write();

    /// <summary>The node id the new node gets.</summary>
    public ulong? NodeId { get; }

    /// <summary>The votes the new node gets.</summary>
    public ulong? Votes { get; }

    /// <summary>The new node's address per link.</summary>
    public IReadOnlyDictionary<int, string> Addresses { get; }

    /// <summary>True when an entry of the same name is replaced (<c>--force</c>).</summary>
    public bool ReplacesExistingNode { get; }

    /// <summary>Expected votes and quorum before and after.</summary>
    public QuorumChange? Quorum { get; }
}
