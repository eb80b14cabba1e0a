using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Lifecycle;

public class QdeviceChangePlannerTests
{
    private static uint[] AllOnline(int count) => [.. Enumerable.Range(1, count).Select(i => (uint)i)];

    private static QdeviceChangePlan Setup(int nodes, bool force = false, uint[]? online = null, string address = "192.0.2.50") =>
        QdeviceChangePlanner.PlanSetup(new QdeviceSetupRequest(Cluster(nodes), address, online ?? AllOnline(nodes), force));

    [Fact]
    public void Two_nodes_get_ffsplit_with_one_vote_and_lose_two_node()
    {
        var plan = Setup(2);

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal(new QuorumDeviceSettings("192.0.2.50", "ffsplit", "on", 1), plan.Device);
        var device = plan.NewConfig!.Quorum!.Device!;
        Assert.Equal("ffsplit", device.Net!.Algorithm);
        Assert.Equal(1UL, device.Votes);
        Assert.Null(plan.NewConfig.Quorum.TwoNode);
        Assert.Equal(4UL, plan.NewConfig.Totem!.ConfigVersion);
        // The admin guide's status after setup: expected votes 3, quorum 2.
        Assert.Equal(3, plan.Quorum!.After.ExpectedVotes);
        Assert.Equal(2, plan.Quorum.After.Quorum);
        Assert.DoesNotContain(plan.Steps, s => s.Contains("two_node", StringComparison.Ordinal));
        Assert.True(CorosyncConfValidator.IsValid(CorosyncConfValidator.Validate(plan.NewConfig)));
    }

    [Fact]
    public void Odd_node_count_is_refused_without_force()
    {
        var plan = Setup(3);

        var error = Assert.Single(plan.Errors);
        Assert.StartsWith("Clusters with an odd node count are not officially supported!", error, StringComparison.Ordinal);
        Assert.Null(plan.CorosyncConf);
    }

    [Fact]
    public void Odd_node_count_with_force_gets_lms_with_n_minus_1_votes_and_the_drawbacks()
    {
        var plan = Setup(5, force: true);

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal("lms", plan.Device!.Algorithm);
        Assert.Equal(4UL, plan.Device.Votes);
        Assert.Equal(9, plan.Quorum!.After.ExpectedVotes);
        Assert.Contains(plan.Warnings, w => w.Contains("no other node may fail", StringComparison.Ordinal));
    }

    [Fact]
    public void All_nodes_must_be_online()
    {
        var plan = Setup(4, online: [1, 2, 4]);

        Assert.Equal(["all nodes must be online: node 'n3' (nodeid 3) is offline"], plan.Errors);
    }

    [Fact]
    public void An_existing_qdevice_must_be_removed_first_even_with_force()
    {
        var plan = QdeviceChangePlanner.PlanSetup(new QdeviceSetupRequest(WithQdevice(Cluster(2)), "192.0.2.60", [1, 2], Force: true));

        Assert.Contains(plan.Errors, e => e.Contains("remove it first with 'pvecm qdevice remove'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_address_must_be_an_ip_and_should_not_be_a_node()
    {
        Assert.Contains(Setup(2, address: "qnetd.example").Errors, e => e.Contains("is not an IP address", StringComparison.Ordinal));

        var onNode = Setup(2, address: "10.0.0.2");
        Assert.True(onNode.CanProceed);
        Assert.Contains(onNode.Warnings, w => w.StartsWith("10.0.0.2 belongs to cluster node 'n2'", StringComparison.Ordinal));
    }

    [Fact]
    public void Removal_does_not_bring_back_two_node_and_explains_the_quorum_change()
    {
        var plan = QdeviceChangePlanner.PlanRemoval(new QdeviceRemovalRequest(WithQdevice(Cluster(2)), [1, 2]));

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Null(plan.NewConfig!.Quorum!.Device);
        Assert.Null(plan.NewConfig.Quorum.TwoNode);
        Assert.Contains("quorum: nodes 2 -> 2, expected votes 3 -> 2, quorum 2 -> 2, tolerated node failures 1 -> 0", plan.Notes);
        Assert.Contains(plan.Notes, n => n.StartsWith("two nodes without a QDevice: quorum needs both", StringComparison.Ordinal));
        Assert.Contains("stop and disable corosync-qdevice on every node", plan.Steps);
    }

    [Fact]
    public void Removal_without_a_qdevice_is_refused()
    {
        var plan = QdeviceChangePlanner.PlanRemoval(new QdeviceRemovalRequest(Cluster(2), [1, 2]));

        Assert.Equal(["no QDevice is configured, so there is none to remove"], plan.Errors);
    }
}
