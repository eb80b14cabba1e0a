using PveCluster.Core.Links;
using PveCluster.Core.Names;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Runs on the node that wants to join (<c>pvecm add</c>, <c>POST /cluster/config/join</c>): every
/// reason not to join is collected and reported at once, as Proxmox's assert_joinable does.
/// </summary>
public static class JoinPreflightPlanner
{
    public static JoinPreflight Check(JoinRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Cluster);
        ArgumentNullException.ThrowIfNull(request.Links);
        ArgumentNullException.ThrowIfNull(request.LocalAddresses);
        ArgumentNullException.ThrowIfNull(request.State);
        ArgumentNullException.ThrowIfNull(request.GuestConfigFiles);
        var plan = new PlanBuilder();
        var cluster = request.Cluster;
        var title = $"Join node '{request.NodeName}' to cluster '{cluster.ClusterName ?? "?"}' via {cluster.PeerAddress}";

        if (NameRules.CheckNodeName(request.NodeName) is { IsValid: false, Error: { } nameError })
        {
            plan.Error(nameError);
        }

        CheckLocalState(request, plan);
        var guests = CheckGuests(request, plan);
        var replaces = CheckNameClash(request, plan);
        var fallbackNeeded = request.Links.Count == 0;
        CheckResolvedAddress(request, fallbackNeeded, plan);
        var links = fallbackNeeded ? FallbackLink(request, replaces, plan) : CheckGivenLinks(request, replaces, plan);
        var fallback = fallbackNeeded && links.Count == 1 ? links[0].Address : null;

        if (!plan.HasErrors)
        {
            AddSteps(request, links, fallback, plan);
        }

        return new JoinPreflight(title, plan, links, fallback, replaces, guests);
    }

    private static void CheckLocalState(JoinRequest request, PlanBuilder plan)
    {
        var state = request.State;
        if (state.HasAuthKey)
        {
            plan.ErrorUnlessForced($"authentication key '{LocalClusterState.AuthKeyPath}' already exists", request.Force);
        }

        if (state.HasClusterConf)
        {
            plan.ErrorUnlessForced($"cluster config '{LocalClusterState.ClusterConfPath}' already exists", request.Force);
        }

        if (state.HasLocalCorosyncConf)
        {
            plan.ErrorUnlessForced($"corosync config '{LocalClusterState.LocalConfPath}' already exists", request.Force);
        }

        if (state.CorosyncRunning)
        {
            plan.ErrorUnlessForced("corosync is already running: is this node already in a cluster?", request.Force);
        }
    }

    private static IReadOnlyList<GuestId> CheckGuests(JoinRequest request, PlanBuilder plan)
    {
        var guests = GuestConfigFiles.Find(request.GuestConfigFiles);
        if (guests.Count > 0)
        {
            plan.ErrorUnlessForced(
                $"this host already contains virtual guests ({string.Join(", ", guests)}): joining replaces this node's /etc/pve "
                + "with the cluster's, and guest IDs could clash; back them up with vzdump and restore them under new IDs "
                + "after the join",
                request.Force);
        }

        return guests;
    }

    private static bool CheckNameClash(JoinRequest request, PlanBuilder plan)
    {
        var clash = request.Cluster.NodeNames.Any(n => string.Equals(n, request.NodeName, StringComparison.OrdinalIgnoreCase));
        if (!clash)
        {
            return false;
        }

        if (!request.Force)
        {
            plan.Error(
                $"a node named '{request.NodeName}' is already in the cluster's nodelist; use another host name, or --force to "
                + "replace that entry (only for re-adding the same, reinstalled node)");
            return false;
        }

        plan.Warning(
            $"a node named '{request.NodeName}' is already in the cluster's nodelist: --force replaces its entry (keeping its "
            + "node id and votes); the old node must be powered off for good");
        plan.Note("a node re-added under the same name or IP has a new SSH host key: run 'pvecm updatecerts' on it once joined");
        return true;
    }

    private static void CheckResolvedAddress(JoinRequest request, bool fallbackNeeded, PlanBuilder plan)
    {
        var resolved = request.ResolvedNodeAddress;
        if (string.IsNullOrWhiteSpace(resolved))
        {
            var message = $"the node name '{request.NodeName}' does not resolve to an IP address";
            if (fallbackNeeded)
            {
                plan.Error($"{message}, and no --link0 was given to use instead");
            }
            else
            {
                plan.Warning($"{message}; the web interface and SSH between nodes use that address");
            }

            return;
        }

        if (LocalAddressSet.IsLoopback(resolved))
        {
            plan.ErrorUnlessForced(
                $"local node address: '{request.NodeName}' resolves to the loopback address {resolved}; fix /etc/hosts", request.Force);
        }
        else if (!request.LocalAddresses.Contains(resolved))
        {
            plan.ErrorUnlessForced(
                $"local node address: '{request.NodeName}' resolves to {resolved}, which is not configured on this host", request.Force);
        }
    }

    private static List<LinkSpec> FallbackLink(JoinRequest request, bool replaces, PlanBuilder plan)
    {
        var clusterLinks = request.Cluster.LinkNumbers;
        if (clusterLinks.Count != 1)
        {
            var options = string.Join(" ", clusterLinks.Select(n => $"--link{n} ADDRESS"));
            plan.Error(
                $"the cluster has links {LinkChecks.Numbers(clusterLinks)}; give this node's address on each of them ({options}); "
                + "the resolved-address fallback only works for single-link clusters");
            return [];
        }

        if (string.IsNullOrWhiteSpace(request.ResolvedNodeAddress))
        {
            return [];
        }

        var link = new LinkSpec(clusterLinks[0], request.ResolvedNodeAddress);
        plan.Note($"no link given: link{link.Number} uses {link.Address}, the address '{request.NodeName}' resolves to");
        CheckAgainstCluster(link, request.Cluster, replaces ? request.NodeName : null, plan);
        return [link];
    }

    private static List<LinkSpec> CheckGivenLinks(JoinRequest request, bool replaces, PlanBuilder plan)
    {
        LinkChecks.Distinct(request.Links, plan);
        LinkChecks.SameLinkNumbers(request.Links.Select(l => l.Number), request.Cluster.LinkNumbers, plan);
        foreach (var link in request.Links)
        {
            LinkChecks.UsableLocally(link, request.LocalAddresses, plan, request.Force);
            CheckAgainstCluster(link, request.Cluster, replaces ? request.NodeName : null, plan);
        }

        return [.. request.Links.OrderBy(l => l.Number)];
    }

    private static void CheckAgainstCluster(LinkSpec link, JoinTarget cluster, string? replacedNode, PlanBuilder plan)
    {
        var others = cluster.NodeAddresses
            .Where(a => !string.Equals(a.Node, replacedNode, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (others.FirstOrDefault(a => LocalAddressSet.SameAddress(a.Address, link.Address)) is { } used)
        {
            plan.Error($"{link.OptionName}: address '{link.Address}' is already used by {LinkChecks.Owner(used.Node)} on link {used.Link}");
        }

        LinkChecks.SameFamilyAsCluster(link, others.Where(a => a.Link == link.Number).Select(a => (a.Node, a.Address)), plan);
    }

    private static void AddSteps(JoinRequest request, IReadOnlyList<LinkSpec> links, string? fallback, PlanBuilder plan)
    {
        var peer = request.Cluster.PeerAddress;
        var linkText = fallback is not null
            ? $"new_node_ip {fallback}"
            : string.Join(", ", links.Select(l => $"{l.OptionName} {l.ToOptionValue()}"));
        plan.Step("prepare SSH: allow root login, create root's SSH key if missing, keep known_hosts local during the join");
        plan.Step($"log in to https://{peer}:8006 as root@pam, pinning the peer's certificate fingerprint");
        plan.Step("check that the cluster's join API version is compatible");
        plan.Step($"ask {peer} to add node '{request.NodeName}' with {linkText} (POST /cluster/config/nodes/{request.NodeName})");
        plan.Step($"write {LocalClusterState.AuthKeyPath} and {LocalClusterState.LocalConfPath} as received from the cluster");
        plan.Step("stop pve-cluster, back up this node's configuration database and discard it: the cluster's /etc/pve replaces it");
        plan.Step("start corosync and pve-cluster and wait for quorum");
        plan.Step("generate a new node certificate signed by the cluster CA, merge SSH keys and known_hosts");
        plan.Step("reload pvedaemon and pveproxy: open web sessions on this node must reload and log in again");
    }
}
