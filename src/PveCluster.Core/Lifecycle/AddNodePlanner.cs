using System.Globalization;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Links;
using PveCluster.Core.Names;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Decides a join request on the member that receives it: quorum, name and id clashes, link rules and
/// the QDevice rule, then the new corosync.conf and what it does to quorum.
/// </summary>
public static class AddNodePlanner
{
    public static AddNodePlan Plan(AddNodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ClusterConfig);
        ArgumentNullException.ThrowIfNull(request.Links);
        var plan = new PlanBuilder();
        var config = request.ClusterConfig;
        var title = $"Add node '{request.NodeName}' to cluster '{config.Totem?.ClusterName ?? "?"}'";
        var none = new Dictionary<int, string>();

        if (!request.IsQuorate)
        {
            plan.Error("this cluster partition is not quorate: the cluster configuration can only change with quorum");
        }

        if (!ExistingConfigCheck.IsUsable(config, plan))
        {
            return new AddNodePlan(title, plan, null, null, null, none, false, null);
        }

        if (NameRules.CheckNodeName(request.NodeName) is { IsValid: false, Error: { } nameError })
        {
            plan.Error(nameError);
        }

        if (config.Quorum?.Device is not null)
        {
            plan.Error(QdeviceRules.MembershipChangeRefusal("add a node"));
        }

        var existing = config.FindNode(request.NodeName);
        var (nodeId, votes) = ChooseIdentity(request, existing, plan);
        var addresses = ChooseAddresses(request, existing?.Name, plan);

        CorosyncConfig? newConfig = null;
        QuorumChange? quorum = null;
        if (!plan.HasErrors)
        {
            newConfig = Edit(config, request.NodeName, existing is not null, addresses, votes, nodeId, plan);
        }

        if (newConfig is not null)
        {
            quorum = QuorumChange.Between(QuorumModel.From(config), QuorumModel.From(newConfig));
            AddSteps(request, config, newConfig, existing is not null, addresses, nodeId, votes, plan);
            QdeviceRules.AddQuorumNotes(quorum, config, newConfig, plan);
            if (votes == 0)
            {
                plan.Warning($"node '{request.NodeName}' gets 0 votes: it takes part in the cluster but never counts toward quorum");
            }
        }

        return new AddNodePlan(title, plan, newConfig, newConfig is null ? null : nodeId, newConfig is null ? null : votes,
            addresses, existing is not null && newConfig is not null, quorum);
    }

    private static (ulong NodeId, ulong Votes) ChooseIdentity(AddNodeRequest request, NodeView? existing, PlanBuilder plan)
    {
        var config = request.ClusterConfig;
        if (existing is not null)
        {
            var oldId = existing.NodeId ?? 0;
            var oldVotes = existing.QuorumVotes ?? 1;
            if (!request.Force)
            {
                plan.Error(
                    $"can't add existing node '{existing.Name}': a node of that name (nodeid {oldId}) is already in the nodelist; "
                    + "use --force only to re-add the same, reinstalled node");
            }
            else if ((request.NodeId ?? oldId) != oldId || (request.Votes ?? oldVotes) != oldVotes)
            {
                plan.Error(
                    $"--force can only replace node '{existing.Name}' with the same node id ({oldId}) and votes ({oldVotes})");
            }
            else
            {
                plan.Warning($"forcing overwrite of configured node '{existing.Name}' (nodeid {oldId}, votes {oldVotes})");
            }

            return (oldId, oldVotes);
        }

        var votes = request.Votes ?? 1;
        if (VoteRules.CheckNodeVotes(votes) is { } votesProblem)
        {
            plan.Error(votesProblem);
        }
        else if (VoteRules.CheckTotalVotes(config.Nodes.Select(n => n.QuorumVotes ?? 1).Append(votes)) is { } totalProblem)
        {
            plan.Error(totalProblem);
        }

        if (request.NodeId is not { } wanted)
        {
            return (CorosyncConfEditor.LowestFreeNodeId(config), votes);
        }

        if (wanted is 0 or > uint.MaxValue)
        {
            plan.Error($"node id {wanted} is invalid: node ids go from 1 to {uint.MaxValue}");
        }
        else if (config.Nodes.FirstOrDefault(n => n.NodeId == wanted) is { } holder)
        {
            plan.Error($"node id {wanted} is already used by node '{holder.Name}'");
        }

        return (wanted, votes);
    }

    private static Dictionary<int, string> ChooseAddresses(AddNodeRequest request, string? replacedNode, PlanBuilder plan)
    {
        var config = request.ClusterConfig;
        var clusterLinks = ExistingConfigCheck.ClusterLinks(config);
        var links = request.Links;
        if (links.Count == 0)
        {
            links = FallbackLinks(request, clusterLinks, plan);
        }
        else
        {
            LinkChecks.Distinct(links, plan);
            LinkChecks.SameLinkNumbers(links.Select(l => l.Number), clusterLinks, plan);
        }

        var others = config.Nodes
            .Where(n => !string.Equals(n.Name, replacedNode, StringComparison.OrdinalIgnoreCase))
            .SelectMany(n => n.LinkAddresses.Select(a => new ClusterNodeAddress(n.Name ?? "?", a.Key, a.Value)))
            .ToList();
        foreach (var link in links)
        {
            if (others.FirstOrDefault(o => LocalAddressSet.SameAddress(o.Address, link.Address)) is { } used)
            {
                plan.Error(
                    $"{link.OptionName}: address '{link.Address}' is already used by node '{used.Node}' on link {used.Link}; "
                    + "a reused address can crash the whole cluster");
            }

            LinkChecks.EnteredHostName(link, plan);
            LinkChecks.SameFamilyAsCluster(link, others.Where(o => o.Link == link.Number).Select(o => (o.Node, o.Address)), plan);
        }

        return links.GroupBy(l => l.Number).ToDictionary(g => g.Key, g => g.First().Address);
    }

    private static List<LinkSpec> FallbackLinks(AddNodeRequest request, IReadOnlyCollection<int> clusterLinks, PlanBuilder plan)
    {
        var fallback = request.FallbackAddress;
        if (string.IsNullOrWhiteSpace(fallback))
        {
            plan.Error("no links and no fallback IP (new_node_ip) given: cannot add the node");
            return [];
        }

        if (!LinkAddress.IsIpLiteral(fallback))
        {
            plan.Error($"the fallback address '{fallback}' (new_node_ip) is not an IP address");
            return [];
        }

        if (clusterLinks.Count != 1)
        {
            plan.Error(
                $"no links given but the cluster has links {LinkChecks.Numbers(clusterLinks)}: the fallback IP only works for "
                + "single-link clusters");
            return [];
        }

        var link = new LinkSpec(clusterLinks.Single(), fallback);
        plan.Note($"no links given: link{link.Number} uses the joining node's address {fallback}");
        return [link];
    }

    private static CorosyncConfig? Edit(
        CorosyncConfig config, string name, bool replace, IReadOnlyDictionary<int, string> addresses, ulong votes, ulong nodeId,
        PlanBuilder plan)
    {
        try
        {
            var edited = replace ? CorosyncConfEditor.RemoveNode(config, name) : config;
            edited = CorosyncConfEditor.AddNode(edited, name, addresses, votes, nodeId);
            return CorosyncConfEditor.BumpConfigVersion(edited);
        }
        catch (CorosyncConfEditException ex)
        {
            plan.Error(ex.Message);
            return null;
        }
    }

    private static void AddSteps(
        AddNodeRequest request, CorosyncConfig before, CorosyncConfig after, bool replace,
        IReadOnlyDictionary<int, string> addresses, ulong nodeId, ulong votes, PlanBuilder plan)
    {
        var name = request.NodeName;
        var linkText = string.Join(", ", addresses.OrderBy(a => a.Key).Select(a => $"link{a.Key} {a.Value}"));
        plan.Step($"create /etc/pve/nodes/{name}/ with lxc, qemu-server, openvz and priv");
        plan.Step("merge SSH keys in /etc/pve/priv/authorized_keys");
        plan.Step(string.Create(
            CultureInfo.InvariantCulture,
            $"write /etc/pve/corosync.conf ({ExistingConfigCheck.VersionChange(before, after)}): "
            + $"{(replace ? "replace" : "add")} node '{name}' nodeid {nodeId} votes {votes}, {linkText}"));
        plan.Step("pmxcfs copies it to /etc/corosync/corosync.conf on every member and corosync reloads it");
        plan.Step($"send {LocalClusterState.AuthKeyPath} and the new corosync.conf to '{name}'");
    }
}
