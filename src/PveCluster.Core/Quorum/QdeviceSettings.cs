namespace PveCluster.Core.Quorum;

/// <summary>The <c>quorum.device</c> part of corosync.conf that matters for vote counting.</summary>
/// <param name="Algorithm">The qnetd algorithm.</param>
/// <param name="Votes">Votes the device contributes when it votes for this partition.</param>
public sealed record QdeviceSettings(QdeviceAlgorithm Algorithm, int Votes)
{
    /// <summary>The corosync.conf spelling of <see cref="Algorithm"/> (<c>ffsplit</c> or <c>lms</c>).</summary>
    public string AlgorithmName => Algorithm == QdeviceAlgorithm.FiftyFiftySplit ? "ffsplit" : "lms";
}
