using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Links;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Decides <c>pvecm qdevice setup</c> and <c>remove</c> following the admin guide ("Corosync External
/// Vote Support"): all nodes online; an even node count gets ffsplit with 1 vote; an odd count is refused
/// unless forced and then gets lms with N-1 votes; an existing QDevice must be removed first.
/// </summary>
public static class QdeviceChangePlanner
{
    public static QdeviceChangePlan PlanSetup(QdeviceSetupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ClusterConfig);
        ArgumentNullException.ThrowIfNull(request.OnlineNodeIds);
        var plan = new PlanBuilder();
        var config = request.ClusterConfig;
        var title = $"Set up a QDevice on {request.QnetdAddress} for cluster '{config.Totem?.ClusterName ?? "?"}'";
        if (!ExistingConfigCheck.IsUsable(config, plan))
        {
            return new QdeviceChangePlan(title, plan, null, null, null);
        }

        CheckQnetdAddress(request, plan);
        CheckAllOnline(config, request.OnlineNodeIds, plan);
        if (config.Quorum?.Device is { } existing)
        {
            plan.Error($"a QDevice is already configured (host {existing.Net?.Host ?? "?"}): remove it first with 'pvecm qdevice remove'");
        }

        var device = ChooseDevice(request, plan);
        CorosyncConfig? newConfig = null;
        QuorumChange? quorum = null;
        if (!plan.HasErrors && device is not null)
        {
            newConfig = Edit(plan, () => CorosyncConfEditor.SetQuorumDevice(config, device));
        }

        if (newConfig is not null)
        {
            quorum = QuorumChange.Between(QuorumModel.From(config), QuorumModel.From(newConfig));
            AddSetupSteps(config, newConfig, device!, plan);
            plan.Note($"quorum: {quorum.Describe()}");
            plan.Note(device!.Algorithm == "ffsplit"
                ? "even node count: the QDevice adds 1 vote (ffsplit); if it fails, the cluster is as good as without it. "
                  + "In a tie it gives its vote to one partition, chosen at random"
                : "odd node count: the QDevice gets N-1 votes (lms) and becomes almost a single point of failure");
        }

        return new QdeviceChangePlan(title, plan, newConfig, newConfig is null ? null : device, quorum);
    }

    public static QdeviceChangePlan PlanRemoval(QdeviceRemovalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.ClusterConfig);
        ArgumentNullException.ThrowIfNull(request.OnlineNodeIds);
        var plan = new PlanBuilder();
        var config = request.ClusterConfig;
        var title = $"Remove the QDevice from cluster '{config.Totem?.ClusterName ?? "?"}'";
        if (!ExistingConfigCheck.IsUsable(config, plan))
        {
            return new QdeviceChangePlan(title, plan, null, null, null);
        }

        if (config.Quorum?.Device is null)
        {
            plan.Error("no QDevice is configured, so there is none to remove");
        }

        CheckAllOnline(config, request.OnlineNodeIds, plan);
        CorosyncConfig? newConfig = null;
        QuorumChange? quorum = null;
        if (!plan.HasErrors)
        {
            newConfig = Edit(plan, () => CorosyncConfEditor.ClearQuorumDevice(config));
        }

        if (newConfig is not null)
        {
            quorum = QuorumChange.Between(QuorumModel.From(config), QuorumModel.From(newConfig));
            plan.Step($"write /etc/pve/corosync.conf ({ExistingConfigCheck.VersionChange(config, newConfig)}) without the quorum device");
            plan.Step("remove /etc/corosync/qdevice (the QDevice certificates) on every node");
            plan.Step("stop and disable corosync-qdevice on every node");
            plan.Step("reload the configuration cluster-wide (corosync-cfgtool -R)");
            QdeviceRules.AddQuorumNotes(quorum, config, newConfig, plan);
        }

        return new QdeviceChangePlan(title, plan, newConfig, null, quorum);
    }

    private static void CheckQnetdAddress(QdeviceSetupRequest request, PlanBuilder plan)
    {
        var address = request.QnetdAddress;
        if (string.IsNullOrWhiteSpace(address) || !LinkAddress.IsIpLiteral(address))
        {
            plan.Error($"QDevice address '{address}' is not an IP address");
            return;
        }

        var owner = request.ClusterConfig.Nodes.FirstOrDefault(n => n.LinkAddresses.Values.Any(a => LocalAddressSet.SameAddress(a, address)));
        if (owner is not null)
        {
            plan.Warning(
                $"{address} belongs to cluster node '{owner.Name}': the QDevice should run on an independent host, or it fails "
                + "together with that node");
        }
    }

    private static void CheckAllOnline(CorosyncConfig config, IReadOnlyCollection<uint> online, PlanBuilder plan)
    {
        foreach (var node in config.Nodes.Where(n => n.NodeId is not { } id || id > uint.MaxValue || !online.Contains((uint)id)))
        {
            plan.Error($"all nodes must be online: node '{node.Name}' (nodeid {node.NodeId}) is offline");
        }
    }

    private static QuorumDeviceSettings? ChooseDevice(QdeviceSetupRequest request, PlanBuilder plan)
    {
        var model = QuorumModel.From(request.ClusterConfig) with { Qdevice = null };
        try
        {
            var decision = QdevicePlanner.Plan(model, request.Force);
            foreach (var warning in decision.Warnings)
            {
                plan.Warning(warning);
            }

            return new QuorumDeviceSettings(request.QnetdAddress, decision.Settings.AlgorithmName, Votes: (ulong)decision.Settings.Votes);
        }
        catch (QuorumRuleException ex)
        {
            plan.Error(ex.Message);
            return null;
        }
    }

    private static CorosyncConfig? Edit(PlanBuilder plan, Func<CorosyncConfig> edit)
    {
        try
        {
            return CorosyncConfEditor.BumpConfigVersion(edit());
        }
        catch (CorosyncConfEditException ex)
        {
            plan.Error(ex.Message);
            return null;
        }
    }

    private static void AddSetupSteps(CorosyncConfig before, CorosyncConfig after, QuorumDeviceSettings device, PlanBuilder plan)
    {
        var name = before.Totem?.ClusterName ?? "?";
        plan.Step($"copy the cluster's SSH key to root@{device.Host} (ssh-copy-id; may ask for its password)");
        plan.Step($"initialise the qnetd certificate database on {device.Host} (corosync-qnetd-certutil -i)");
        plan.Step("copy the qnetd CA certificate to every node and initialise its QDevice database (corosync-qdevice-net-certutil -i)");
        plan.Step($"create a certificate request for cluster '{name}', have {device.Host} sign it and import the result");
        plan.Step("copy the cluster's client certificate (PKCS#12) to every node and import it");
        plan.Step(
            $"write /etc/pve/corosync.conf ({ExistingConfigCheck.VersionChange(before, after)}): quorum.device model net, "
            + $"host {device.Host}, algorithm {device.Algorithm}, votes {device.Votes}, tls on"
            + (before.Quorum?.TwoNode == true ? "; two_node is removed (not allowed with a QDevice)" : ""));
        plan.Step("start and enable corosync-qdevice on every node");
        plan.Step("reload the configuration cluster-wide (corosync-cfgtool -R)");
    }
}
