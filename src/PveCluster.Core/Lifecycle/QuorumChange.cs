using System.Globalization;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>Quorum of the full cluster before and after a membership or QDevice change.</summary>
/// <param name="Before">All configured nodes (and the QDevice) present, before the change.</param>
/// <param name="After">The same after the change.</param>
/// <param name="ToleratedFailuresBefore">Nodes that may fail (worst case) before the change with quorum kept.</param>
/// <param name="ToleratedFailuresAfter">The same after the change.</param>
public sealed record QuorumChange(QuorumState Before, QuorumState After, int ToleratedFailuresBefore, int ToleratedFailuresAfter)
{
    /// <summary>Computes the change between two votequorum configurations.</summary>
    public static QuorumChange Between(VotequorumConfig before, VotequorumConfig after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return new QuorumChange(
            VotequorumCalculator.EvaluateAllPresent(before),
            VotequorumCalculator.EvaluateAllPresent(after),
            QuorumForecast.ToleratedNodeFailures(before),
            QuorumForecast.ToleratedNodeFailures(after));
    }

    /// <summary>For example <c>nodes 3 -> 4, expected votes 3 -> 4, quorum 2 -> 3, tolerated node failures 1 -> 1</c>.</summary>
    public string Describe() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"nodes {Before.MemberCount} -> {After.MemberCount}, expected votes {Before.ExpectedVotes} -> {After.ExpectedVotes}, "
            + $"quorum {Before.Quorum}{TwoNode(Before)} -> {After.Quorum}{TwoNode(After)}, "
            + $"tolerated node failures {ToleratedFailuresBefore} -> {ToleratedFailuresAfter}");

    private static string TwoNode(QuorumState state) =>
        state.Flags.HasFlag(VotequorumFlags.TwoNode) ? " (two_node)" : "";
}
