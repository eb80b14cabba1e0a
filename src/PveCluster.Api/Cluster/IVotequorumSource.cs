using PveCluster.Corosync.Votequorum;

namespace PveCluster.Api.Cluster;

/// <summary>Where this node's votequorum figures come from (libvotequorum; tests substitute fixed figures).</summary>
public interface IVotequorumSource
{
    /// <summary>This node's view (expected, total, quorum, flags, the device) and each listed node's votes and state.</summary>
    /// <exception cref="PveCluster.Corosync.CorosyncException">corosync cannot be asked (not running).</exception>
    VotequorumReading Read(IReadOnlyCollection<uint> nodeIds);
}

/// <param name="Local">votequorum_getinfo of this node: the partition as it sees it.</param>
/// <param name="Nodes">votequorum_getinfo per node id; a node votequorum does not know is left out.</param>
public sealed record VotequorumReading(VotequorumInfo Local, IReadOnlyDictionary<uint, VotequorumInfo> Nodes);
