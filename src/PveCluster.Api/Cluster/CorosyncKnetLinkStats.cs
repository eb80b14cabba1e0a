using PveCluster.Corosync.Cmap;

namespace PveCluster.Api.Cluster;

/// <summary>
/// Reads <c>stats.knet.node&lt;N&gt;.link&lt;L&gt;.*</c> from corosync's stats map through libcmap, one short
/// connection per request. Needs corosync IPC, which corosync grants to root (or to a uidgid entry): under the
/// proxy/daemon split this belongs to the privileged daemon.
/// </summary>
public sealed class CorosyncKnetLinkStats(ILogger<CorosyncKnetLinkStats> logger) : IKnetLinkStatsSource
{
    public IReadOnlyList<KnetLinkStats> Read()
    {
        using var cmap = CmapClient.Connect(CmapMap.Stats, logger);
        return cmap.ReadKnetLinks();
    }
}
