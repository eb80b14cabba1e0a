using PveCluster.Corosync;
using PveCluster.Corosync.Votequorum;

namespace PveCluster.Api.Cluster;

/// <summary>
/// Asks libvotequorum, one short connection per request, as <c>corosync-quorumtool -s</c> does. corosync grants its
/// IPC to root only: under the proxy/daemon split this runs in pvedaemon.
/// </summary>
public sealed class CorosyncVotequorumSource(ILogger<CorosyncVotequorumSource> logger) : IVotequorumSource
{
    public VotequorumReading Read(IReadOnlyCollection<uint> nodeIds)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        using var votequorum = VotequorumClient.Connect(logger);
        var local = votequorum.GetInfo();
        var nodes = new Dictionary<uint, VotequorumInfo>();
        foreach (var id in nodeIds)
        {
            try
            {
                nodes[id] = votequorum.GetInfo(id);
            }
            catch (CorosyncException e) when (e.Error == CsError.NotExist)
            {
                // Configured but never seen by votequorum since corosync started: no figures to show.
            }
        }

        return new VotequorumReading(local, nodes);
    }
}
