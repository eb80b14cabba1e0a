using System.Globalization;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Names;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>Decides <c>pvecm create</c>: validates names, links and the host, and builds the first corosync.conf.</summary>
public static class ClusterCreatePlanner
{
    public static CreatePlan Plan(CreateRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Links);
        ArgumentNullException.ThrowIfNull(request.LocalAddresses);
        ArgumentNullException.ThrowIfNull(request.State);
        var plan = new PlanBuilder();
        var title = $"Create cluster '{request.ClusterName}' on node '{request.NodeName}'";

        CheckNames(request, plan);
        CheckNotClustered(request.State, plan);
        CheckNodeIdAndVotes(request, plan);
        var links = ChooseLinks(request, plan);

        CorosyncConfig? config = null;
        if (!plan.HasErrors)
        {
            try
            {
                config = CorosyncConfFactory.CreateInitial(
                    request.ClusterName, request.NodeName, links, request.NodeId ?? 1, request.Votes ?? 1);
            }
            catch (CorosyncConfEditException ex)
            {
                plan.Error(ex.Message);
            }
        }

        var generateAuthKey = !request.State.HasAuthKey;
        if (config is not null)
        {
            AddSteps(request, links, generateAuthKey, plan);
            AddNotes(request, links, plan);
        }

        return new CreatePlan(title, plan, config, links, generateAuthKey);
    }

    private static void CheckNames(CreateRequest request, PlanBuilder plan)
    {
        if (NameRules.CheckClusterName(request.ClusterName) is { IsValid: false, Error: { } clusterError })
        {
            plan.Error(clusterError);
        }

        if (NameRules.CheckNodeName(request.NodeName) is { IsValid: false, Error: { } nodeError })
        {
            plan.Error(nodeError);
        }
    }

    private static void CheckNotClustered(LocalClusterState state, PlanBuilder plan)
    {
        if (state.HasClusterConf)
        {
            plan.Error($"cluster config '{LocalClusterState.ClusterConfPath}' already exists: this node is already in a cluster");
        }

        if (state.HasLocalCorosyncConf)
        {
            plan.Error(
                $"'{LocalClusterState.LocalConfPath}' exists: this node still has the configuration of an earlier cluster; "
                + "remove it as described in 'Separate a Node Without Reinstalling' first");
        }

        if (state.CorosyncRunning)
        {
            plan.Error("corosync is already running: this node is already part of a cluster");
        }

        if (state.HasAuthKey && !state.HasClusterConf)
        {
            plan.Warning($"'{LocalClusterState.AuthKeyPath}' already exists and will be reused, not regenerated");
        }
    }

    private static void CheckNodeIdAndVotes(CreateRequest request, PlanBuilder plan)
    {
        if (request.NodeId is 0 or > uint.MaxValue)
        {
            plan.Error($"node id {request.NodeId} is invalid: node ids go from 1 to {uint.MaxValue}");
        }

        if (request.Votes == 0)
        {
            plan.Error("votes must be at least 1 for the node that creates the cluster: with 0 votes it could never be quorate");
        }
        else if (request.Votes is { } votes && VoteRules.CheckNodeVotes(votes) is { } problem)
        {
            plan.Error(problem);
        }
    }

    private static List<InitialLink> ChooseLinks(CreateRequest request, PlanBuilder plan)
    {
        if (request.Links.Count == 0)
        {
            return DefaultLink(request, plan);
        }

        LinkChecks.Distinct(request.Links, plan);
        foreach (var link in request.Links)
        {
            LinkChecks.UsableLocally(link, request.LocalAddresses, plan);
        }

        return [.. request.Links.OrderBy(l => l.Number).Select(l => new InitialLink(l.Number, l.Address, l.Priority))];
    }

    private static List<InitialLink> DefaultLink(CreateRequest request, PlanBuilder plan)
    {
        var resolved = request.ResolvedNodeAddress;
        if (string.IsNullOrWhiteSpace(resolved))
        {
            plan.Error($"no --link0 given and the node name '{request.NodeName}' does not resolve to an IP; give --link0 ADDRESS");
            return [];
        }

        if (LocalAddressSet.IsLoopback(resolved))
        {
            plan.Error(
                $"no --link0 given and '{request.NodeName}' resolves to the loopback address {resolved}; fix /etc/hosts "
                + "so the node name resolves to its cluster IP, or give --link0 ADDRESS");
            return [];
        }

        if (!request.LocalAddresses.Contains(resolved))
        {
            plan.Error(
                $"no --link0 given and '{request.NodeName}' resolves to {resolved}, which is not configured on this host; "
                + "fix name resolution or give --link0 ADDRESS");
            return [];
        }

        plan.Note($"no link given: link0 uses {resolved}, the address '{request.NodeName}' resolves to");
        return [new InitialLink(0, resolved)];
    }

    private static void AddSteps(CreateRequest request, IReadOnlyList<InitialLink> links, bool generateAuthKey, PlanBuilder plan)
    {
        var linkText = string.Join(", ", links.Select(l => string.Create(CultureInfo.InvariantCulture, $"link{l.Number} {l.Address}")));
        plan.Step("prepare SSH: allow root login in sshd_config, create root's SSH key if missing, "
            + "and link /root/.ssh/authorized_keys to /etc/pve/priv/authorized_keys");
        plan.Step(generateAuthKey
            ? $"generate the corosync authkey {LocalClusterState.AuthKeyPath} (corosync-keygen)"
            : $"keep the existing corosync authkey {LocalClusterState.AuthKeyPath}");
        plan.Step(string.Create(
            CultureInfo.InvariantCulture,
            $"write {LocalClusterState.ClusterConfPath} (config_version 1): cluster '{request.ClusterName}', node '{request.NodeName}' "
            + $"nodeid {request.NodeId ?? 1} votes {request.Votes ?? 1}, {linkText}"));
        plan.Step("merge SSH keys into /etc/pve/priv/authorized_keys and add this node's host key to /etc/pve/priv/known_hosts");
        plan.Step($"generate node files: /etc/pve/nodes/{request.NodeName}/, the cluster CA and a node certificate signed by it");
        plan.Step("restart corosync and pve-cluster (pmxcfs)");
    }

    private static void AddNotes(CreateRequest request, IReadOnlyList<InitialLink> links, PlanBuilder plan)
    {
        plan.Note($"the cluster name '{request.ClusterName}' cannot be changed later");
        foreach (var note in LinkPriorityExplainer.Explain([.. links.Select(l => (l.Number, l.Priority))]))
        {
            plan.Note(note);
        }

        plan.Note("a one-node cluster has expected votes 1 and quorum 1; every node added later adds its votes");
    }
}
