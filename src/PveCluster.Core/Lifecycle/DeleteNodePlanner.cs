using System.Globalization;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>Decides <c>pvecm delnode</c>, with the admin guide's warnings about nodes that are still on.</summary>
public static class DeleteNodePlanner
{
    public static DeleteNodePlan Plan(DeleteNodeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ClusterConfig);
        ArgumentNullException.ThrowIfNull(request.OnlineNodeIds);
        var plan = new PlanBuilder();
        var config = request.ClusterConfig;
        var title = $"Remove node '{request.Node}' from cluster '{config.Totem?.ClusterName ?? "?"}'";

        if (!request.IsQuorate)
        {
            plan.Error(
                "this cluster partition is not quorate: nodes can only be removed with quorum. If quorum was lost because the "
                + "node to remove is gone (for example in a two-node cluster), 'pvecm expected 1' is the admin guide's "
                + "workaround; use it only when you are sure the other node is off, then repeat 'pvecm delnode'");
        }

        if (!ExistingConfigCheck.IsUsable(config, plan))
        {
            return new DeleteNodePlan(title, plan, null, null, null, null);
        }

        var node = Find(config, request.Node);
        if (node is null)
        {
            plan.Error(
                $"Node/IP '{request.Node}' is not a known host of the cluster (known nodes: "
                + $"{string.Join(", ", config.Nodes.Select(n => n.Name).Order(StringComparer.Ordinal))})");
            return new DeleteNodePlan(title, plan, null, null, null, null);
        }

        var name = node.Name!;
        var nodeId = node.NodeId;
        if (string.Equals(name, request.LocalNodeName, StringComparison.OrdinalIgnoreCase))
        {
            plan.Error(
                $"cannot delete '{name}' from the cluster on '{name}' itself: run 'pvecm delnode {name}' on another node "
                + "(to keep this node as a standalone one, see 'Separate a Node Without Reinstalling')");
        }

        if (config.Quorum?.Device is not null)
        {
            plan.Error(QdeviceRules.MembershipChangeRefusal("remove a node"));
        }

        var online = nodeId is { } id && id <= uint.MaxValue && request.OnlineNodeIds.Contains((uint)id);
        if (online)
        {
            plan.Warning(
                $"node '{name}' (nodeid {nodeId}) is still online: power it off BEFORE removing it, and make sure it never "
                + "powers on again in this cluster network as it is; otherwise the cluster ends up in a broken state that is "
                + "hard to repair. To use it again, reinstall it and join it as a new node");
        }

        CorosyncConfig? newConfig = null;
        QuorumChange? quorum = null;
        if (!plan.HasErrors)
        {
            newConfig = Edit(config, name, plan);
        }

        if (newConfig is not null)
        {
            quorum = QuorumChange.Between(QuorumModel.From(config), QuorumModel.From(newConfig));
            ForecastOnlineQuorum(config, nodeId, request.OnlineNodeIds, plan);
            AddSteps(config, newConfig, name, nodeId, plan);
            QdeviceRules.AddQuorumNotes(quorum, config, newConfig, plan);
            AddFollowUps(name, plan);
        }

        return new DeleteNodePlan(title, plan, name, nodeId, newConfig, quorum);
    }

    /// <summary>By name, or (as Proxmox allows) by one of the node's link addresses.</summary>
    private static NodeView? Find(CorosyncConfig config, string nameOrAddress) =>
        config.FindNode(nameOrAddress)
        ?? config.Nodes.FirstOrDefault(n => n.LinkAddresses.Values.Any(a => LocalAddressSet.SameAddress(a, nameOrAddress)));

    private static CorosyncConfig? Edit(CorosyncConfig config, string name, PlanBuilder plan)
    {
        try
        {
            var edited = CorosyncConfEditor.RemoveNode(config, name);
            return CorosyncConfEditor.BumpConfigVersion(edited);
        }
        catch (CorosyncConfEditException ex)
        {
            plan.Error(ex.Message);
            return null;
        }
    }

    private static void ForecastOnlineQuorum(CorosyncConfig config, ulong? nodeId, IReadOnlyCollection<uint> onlineIds, PlanBuilder plan)
    {
        var model = QuorumModel.From(config);
        var known = model.Nodes.Select(n => n.NodeId).ToHashSet();
        var online = onlineIds.Where(known.Contains).ToList();
        if (nodeId is not { } id || id > uint.MaxValue || online.Count == 0)
        {
            return;
        }

        var forecast = QuorumForecast.ForecastRemoval(model, (uint)id, online);
        if (forecast.Before.IsQuorate && !forecast.After.IsQuorate)
        {
            plan.Warning(string.Create(
                CultureInfo.InvariantCulture,
                $"after the removal the online nodes have {forecast.After.TotalVotes} votes but need {forecast.After.Quorum}: "
                + $"the cluster loses quorum until more nodes come back"));
        }
    }

    private static void AddSteps(CorosyncConfig before, CorosyncConfig after, string name, ulong? nodeId, PlanBuilder plan)
    {
        plan.Step($"stop node '{name}' in corosync (corosync-cfgtool -k {nodeId}); this fails harmlessly when it is already off");
        plan.Step($"write /etc/pve/corosync.conf ({ExistingConfigCheck.VersionChange(before, after)}) without node '{name}'");
        plan.Step("pmxcfs copies it to /etc/corosync/corosync.conf on every remaining member and corosync reloads it");
    }

    private static void AddFollowUps(string name, PlanBuilder plan)
    {
        plan.Note($"/etc/pve/nodes/{name} is kept (guest configs, certificates); move what you need and delete it by hand");
        plan.Note(
            $"the SSH keys of '{name}' stay in /etc/pve/priv/authorized_keys and known_hosts; remove them, and if the node "
            + "rejoins with the same name or IP, run 'pvecm updatecerts' on it once");
    }
}
