using PveCluster.Corosync.Cmap;

namespace PveCluster.Api.Cluster;

/// <summary>Where this node's knet link state comes from (corosync's stats map; tests substitute fixed figures).</summary>
public interface IKnetLinkStatsSource
{
    /// <exception cref="PveCluster.Corosync.CorosyncException">corosync cannot be asked (not running).</exception>
    IReadOnlyList<KnetLinkStats> Read();
}
