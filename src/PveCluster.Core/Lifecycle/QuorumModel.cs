using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>Reads the votequorum-relevant part of a corosync.conf, so plans can state quorum before and after.</summary>
public static class QuorumModel
{
    /// <summary>
    /// Nodes with their votes (default 1), expected_votes, two_node, wait_for_all and the quorum device.
    /// A device without explicit votes gets what corosync-qdevice derives: 1 for ffsplit, N-1 for lms.
    /// </summary>
    /// <exception cref="ConfValueException">A numeric value is malformed (run the validator first).</exception>
    public static VotequorumConfig From(CorosyncConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var nodes = config.Nodes
            .Where(n => n.NodeId is > 0 and <= uint.MaxValue)
            .Select(n => new NodeVotes((uint)n.NodeId!.Value, (int)Math.Min(n.QuorumVotes ?? 1, int.MaxValue)))
            .ToList();
        var quorum = config.Quorum;
        QdeviceSettings? device = null;
        if (quorum?.Device is { } dev)
        {
            var algorithm = string.Equals(dev.Net?.Algorithm, "lms", StringComparison.Ordinal)
                ? QdeviceAlgorithm.LastManStanding
                : QdeviceAlgorithm.FiftyFiftySplit;
            var derived = algorithm == QdeviceAlgorithm.LastManStanding ? Math.Max(nodes.Count - 1, 1) : 1;
            device = new QdeviceSettings(algorithm, dev.Votes is { } v ? (int)Math.Min(v, int.MaxValue) : derived);
        }

        return new VotequorumConfig(
            nodes,
            quorum?.ExpectedVotes is { } e ? (int)Math.Min(e, int.MaxValue) : null,
            quorum?.TwoNode ?? false,
            quorum?.WaitForAll,
            device);
    }

    /// <summary>Quorum with every configured node (and the QDevice) voting.</summary>
    public static QuorumState AllPresent(CorosyncConfig config) => VotequorumCalculator.EvaluateAllPresent(From(config));
}
