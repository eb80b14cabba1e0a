using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>The admin guide's QDevice rules and the quorum notes every membership plan shows.</summary>
internal static class QdeviceRules
{
    /// <summary>
    /// Admin guide, "Adding/Deleting Nodes After QDevice Setup": remove the QDevice first, change the
    /// membership, and set the QDevice up again once the node count is even. Its votes depend on the
    /// node count (ffsplit: 1 for an even count; lms: N-1 for an odd one), so they would be wrong afterwards.
    /// </summary>
    public static string MembershipChangeRefusal(string action) =>
        $"cannot {action} while a QDevice is configured: its votes depend on the node count (1 with ffsplit for an even "
        + "count, N-1 with lms for an odd one). Remove it first (pvecm qdevice remove), then "
        + $"{action}, and set the QDevice up again once the cluster has an even node count";

    public static void AddQuorumNotes(QuorumChange change, CorosyncConfig after, PlanBuilder plan)
    {
        plan.Note($"quorum: {change.Describe()}");
        if (change.After.Flags.HasFlag(VotequorumFlags.TwoNode) || (after.Quorum?.TwoNode ?? false))
        {
            plan.Note(
                "two nodes: two_node is set, so either node alone stays quorate; after a cold start both must have been seen "
                + "once (wait_for_all). A QDevice is the recommended way to make a two-node cluster highly available");
        }
        else if (change.Before.MemberCount == 2 && change.After.MemberCount != 2 && after.Quorum?.Device is null)
        {
            plan.Note("two_node is no longer needed and is removed");
        }

        if (change.After.MemberCount > change.Before.MemberCount && change.ToleratedFailuresAfter == change.ToleratedFailuresBefore
            && change.After.MemberCount > 2)
        {
            plan.Note(
                $"with {change.After.MemberCount} nodes the cluster still tolerates {change.ToleratedFailuresAfter} node "
                + "failure(s): an even node count adds no failure tolerance");
        }
    }
}
