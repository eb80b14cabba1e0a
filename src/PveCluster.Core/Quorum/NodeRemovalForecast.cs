namespace PveCluster.Core.Quorum;

/// <summary>What removing a node from the nodelist (<c>pvecm delnode</c>) does to quorum.</summary>
/// <param name="NewConfig">The votequorum config without the node.</param>
/// <param name="Before">The online partition's state now.</param>
/// <param name="After">The online partition's state once the config is reloaded.</param>
/// <param name="ToleratedFailuresAfter">How many more nodes may fail afterwards (worst case) with quorum kept.</param>
/// <param name="Blockers">Reasons the removal must not go ahead; empty when it may.</param>
/// <param name="Warnings">Consequences worth showing before confirming.</param>
public sealed record NodeRemovalForecast(
    VotequorumConfig NewConfig,
    QuorumState Before,
    QuorumState After,
    int ToleratedFailuresAfter,
    IReadOnlyList<string> Blockers,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True when the remaining online nodes are quorate after the removal.</summary>
    public bool KeepsQuorum => After.IsQuorate;

    /// <summary>True when nothing blocks the removal.</summary>
    public bool CanProceed => Blockers.Count == 0;
}
