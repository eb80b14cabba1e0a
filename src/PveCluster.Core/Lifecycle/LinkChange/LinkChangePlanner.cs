using System.Globalization;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Decides <c>pvecm link add|set|remove</c>: the edit must keep the configuration valid (the same links on every
/// node, unique addresses, one IP family per link, links 0..7, never zero links), the partition must be quorate,
/// and the plan says what runs: network preflight, write with a config_version bump, reload, watch, roll back.
/// </summary>
public static class LinkChangePlanner
{
    public static LinkChangePlan Plan(LinkChangeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Config);
        ArgumentNullException.ThrowIfNull(request.Change);
        var plan = new PlanBuilder();
        var config = request.Config;
        var change = request.Change;
        var title = $"Change the corosync links of cluster '{config.Totem?.ClusterName ?? "?"}': {change.Describe()}";
        if (!request.IsQuorate)
        {
            plan.Error("this cluster partition is not quorate: /etc/pve is read-only and links can only be changed with quorum");
        }

        if (!ExistingConfigCheck.IsUsable(config, plan))
        {
            return Refused(title, plan);
        }

        CheckMembersOnline(config, request, plan);
        var edited = Edit(config, change, plan);
        if (edited is null || plan.HasErrors)
        {
            return Refused(title, plan);
        }

        foreach (var diagnostic in CorosyncConfValidator.Validate(edited).Where(d => d.Severity == ConfSeverity.Error))
        {
            plan.Error($"the new corosync.conf would be invalid: {diagnostic.Message}");
        }

        if (plan.HasErrors)
        {
            return Refused(title, plan);
        }

        var bumped = CorosyncConfEditor.BumpConfigVersion(edited);
        var (checkedLinks, watchedLinks) = LinksToCheck(change);
        AddSteps(config, bumped, change, checkedLinks, request, plan);
        AddNotes(change, bumped, plan);
        return new LinkChangePlan(title, plan, bumped, ConfDiff.Unified(config.Write(), bumped.Write(), "corosync.conf"), checkedLinks, watchedLinks);
    }

    private static LinkChangePlan Refused(string title, PlanBuilder plan) => new(title, plan, null, null, [], []);

    /// <summary>Every node must be a member: an offline node could not be checked and would come back on links it never tried.</summary>
    private static void CheckMembersOnline(CorosyncConfig config, LinkChangeRequest request, PlanBuilder plan)
    {
        if (request.Change is RemoveLinkChange or SetLinkChange { Address: null })
        {
            return;
        }

        var offline = config.Nodes
            .Where(n => n.NodeId is not { } id || id > uint.MaxValue || !request.OnlineNodeIds.Contains((uint)id))
            .Select(n => n.Name ?? "?")
            .ToList();
        if (offline.Count > 0)
        {
            var message = $"node(s) {string.Join(", ", offline)} are not members right now: the new addresses cannot be checked from and to them";
            if (request.SkipPreflight)
            {
                plan.Warning(message + " (preflight skipped)");
            }
            else
            {
                plan.Error(message);
            }
        }
    }

    private static CorosyncConfig? Edit(CorosyncConfig config, LinkChange change, PlanBuilder plan)
    {
        try
        {
            return change switch
            {
                AddLinkChange add => CorosyncConfEditor.AddLink(
                    config, add.Link, add.Priority, add.Addresses.ToDictionary(a => a.Node, a => a.Address, StringComparer.OrdinalIgnoreCase)),
                SetLinkChange set => EditSet(config, set, plan),
                RemoveLinkChange remove => CorosyncConfEditor.RemoveLink(config, remove.Link),
                _ => throw new ArgumentException($"unknown link change {change.GetType().Name}", nameof(change)),
            };
        }
        catch (CorosyncConfEditException ex)
        {
            plan.Error(ex.Message);
            return null;
        }
        catch (ArgumentException ex) when (ex.Message.Contains("same key", StringComparison.Ordinal))
        {
            plan.Error($"a node is given more than once for link {change.Link}");
            return null;
        }
    }

    private static CorosyncConfig? EditSet(CorosyncConfig config, SetLinkChange set, PlanBuilder plan)
    {
        if (set.Priority is null && !set.ClearPriority && set.Address is null)
        {
            plan.Error($"nothing to change on link {set.Link}: give a new priority or a node's new address");
            return null;
        }

        var edited = config;
        if (set.Priority is not null || set.ClearPriority)
        {
            edited = CorosyncConfEditor.SetLinkPriority(edited, set.Link, set.ClearPriority ? null : set.Priority);
        }

        if (set.Address is { } address)
        {
            if (edited.FindNode(address.Node)?.GetLinkAddress(set.Link) is { } old && LocalAddressSet.SameAddress(old, address.Address))
            {
                plan.Error($"node '{address.Node}' already uses {address.Address} on link {set.Link}");
                return null;
            }

            edited = CorosyncConfEditor.SetNodeLinkAddress(edited, address.Node, set.Link, address.Address);
        }

        return edited;
    }

    private static (IReadOnlyList<int> Checked, IReadOnlyList<int> Watched) LinksToCheck(LinkChange change) => change switch
    {
        AddLinkChange add => ([add.Link], [add.Link]),
        SetLinkChange { Address: not null } set => ([set.Link], [set.Link]),
        _ => ([], []),
    };

    private static void AddSteps(
        CorosyncConfig before, CorosyncConfig after, LinkChange change, IReadOnlyList<int> checkedLinks, LinkChangeRequest request, PlanBuilder plan)
    {
        if (checkedLinks.Count > 0)
        {
            plan.Step(request.SkipPreflight
                ? "network preflight SKIPPED (--skip-preflight): the new addresses are not checked before they are used"
                : $"network preflight on every node over SSH: every node's new link {checkedLinks[0]} address answers UDP from every other "
                    + "node's, with an average round trip under 2 ms; MTU and clocks compared");
        }
        else if (change is RemoveLinkChange remove)
        {
            plan.Step(request.SkipPreflight
                ? "check of the remaining links SKIPPED (--skip-preflight)"
                : $"check that every member is connected on a remaining link (corosync-cfgtool -n) before link {remove.Link} goes");
        }

        plan.Step($"write /etc/pve/corosync.conf ({ExistingConfigCheck.VersionChange(before, after)}); pmxcfs installs it on every member");
        plan.Step("reload corosync on every node (corosync-cfgtool -R); links, priorities and addresses apply live");
        plan.Step(string.Create(CultureInfo.InvariantCulture,
            $"watch membership, quorum and the changed link for {request.GraceSeconds} s; if any is worse than before, write the ")
            + "previous configuration back (with a higher config_version) and reload again");
    }

    private static void AddNotes(LinkChange change, CorosyncConfig after, PlanBuilder plan)
    {
        if (change is AddLinkChange add)
        {
            foreach (var entered in add.Addresses.Where(a => a.EnteredHostName is not null))
            {
                NoteHostName(entered, add.Link, plan);
            }
        }
        else if (change is SetLinkChange { Address: { EnteredHostName: not null } address } set)
        {
            NoteHostName(address, set.Link, plan);
        }

        var links = after.Totem?.Interfaces
            .Select(i => i.TryGetLinkNumber(out var n) ? (Number: n, Priority: i.KnetLinkPriority) : (Number: -1, Priority: (int?)null))
            .Where(l => l.Number >= 0)
            .ToList() ?? [];
        foreach (var note in LinkPriorityExplainer.Explain(links))
        {
            plan.Note(note);
        }
    }

    private static void NoteHostName(NodeLinkAddress address, int link, PlanBuilder plan) =>
        LinkChecks.EnteredHostName(new Links.LinkSpec(link, address.Address) { EnteredHostName = address.EnteredHostName }, plan);
}
