using PveCluster.Core.CorosyncConf;

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

    /// <summary>Shown whenever an edit removes <c>two_node: 1</c> that an older version wrote.</summary>
    public const string TwoNodeRemoved =
        "two_node: 1 is removed: with it both halves of a split two-node cluster stay quorate and both accept writes to "
        + "/etc/pve (Proxmox never sets it)";

    /// <summary>The quorum figures, the removal of a stale two_node, and what two nodes without a QDevice mean.</summary>
    public static void AddQuorumNotes(QuorumChange change, CorosyncConfig before, CorosyncConfig after, PlanBuilder plan)
    {
        plan.Note($"quorum: {change.Describe()}");
        if ((before.Quorum?.TwoNode ?? false) && !(after.Quorum?.TwoNode ?? false))
        {
            plan.Note(TwoNodeRemoved);
        }

        if (change.After.MemberCount == 2 && after.Quorum?.Device is null)
        {
            plan.Note(
                "two nodes without a QDevice: quorum needs both, so when either node is down or the two cannot reach each "
                + "other, /etc/pve is read-only on both. A QDevice (an external vote) lets one node carry on alone");
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
