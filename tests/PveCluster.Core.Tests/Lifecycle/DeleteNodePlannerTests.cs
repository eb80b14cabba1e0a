using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Lifecycle;

public class DeleteNodePlannerTests
{
    private static DeleteNodeRequest Request(
        CorosyncConfig? config = null, string node = "n4", string local = "n1", bool quorate = true, uint[]? online = null) =>
        new(config ?? Cluster(4), node, local, quorate, online ?? [1, 2, 3]);

    [Fact]
    public void Removes_the_node_and_explains_the_admin_guide_example()
    {
        // Admin guide: hp4 is removed from four nodes; expected votes 4 -> 3, quorum 3 -> 2.
        var plan = DeleteNodePlanner.Plan(Request());

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Null(plan.NewConfig!.FindNode("n4"));
        Assert.Equal(4UL, plan.NodeId);
        Assert.Equal(4UL, plan.NewConfig.Totem!.ConfigVersion);
        Assert.Contains("quorum: nodes 4 -> 3, expected votes 4 -> 3, quorum 3 -> 2, tolerated node failures 1 -> 1", plan.Notes);
        Assert.StartsWith("stop node 'n4' in corosync (corosync-cfgtool -k 4)", plan.Steps[0], StringComparison.Ordinal);
        Assert.Contains("(config_version 3 -> 4) without node 'n4'", plan.Steps[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_node_can_be_named_by_its_link_address()
    {
        var plan = DeleteNodePlanner.Plan(Request(ThreeTwoLinks(), node: "10.1.0.3", local: "alpha", online: [1, 2]));

        Assert.Equal("gamma", plan.NodeName);
        Assert.True(plan.CanProceed, plan.Explain());
    }

    [Fact]
    public void Refuses_the_local_node()
    {
        var plan = DeleteNodePlanner.Plan(Request(node: "n1"));

        var error = Assert.Single(plan.Errors);
        Assert.Contains("run 'pvecm delnode n1' on another node", error, StringComparison.Ordinal);
        Assert.Null(plan.CorosyncConf);
    }

    [Fact]
    public void Refuses_an_unknown_node_and_lists_the_known_ones()
    {
        var plan = DeleteNodePlanner.Plan(Request(node: "hp9"));

        Assert.Equal(["Node/IP 'hp9' is not a known host of the cluster (known nodes: n1, n2, n3, n4)"], plan.Errors);
    }

    [Fact]
    public void Refuses_without_quorum_and_names_the_expected_1_workaround()
    {
        var plan = DeleteNodePlanner.Plan(Request(quorate: false));

        var error = Assert.Single(plan.Errors);
        Assert.Contains("'pvecm expected 1'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Warns_when_the_node_is_still_online()
    {
        var plan = DeleteNodePlanner.Plan(Request(online: [1, 2, 3, 4]));

        Assert.True(plan.CanProceed);
        var warning = Assert.Single(plan.Warnings);
        Assert.Contains("power it off BEFORE removing it", warning, StringComparison.Ordinal);
        Assert.Contains("never powers on again", warning, StringComparison.Ordinal);
        var text = plan.Explain();
        Assert.Contains("\nWarnings:\n  - node 'n4' (nodeid 4) is still online", text, StringComparison.Ordinal);
        Assert.Contains("\nWhat will be done:\n  1. stop node 'n4' in corosync", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Warnings:", StringComparison.Ordinal) < text.IndexOf("What will be done:", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_while_a_qdevice_is_configured()
    {
        var plan = DeleteNodePlanner.Plan(Request(WithQdevice(Cluster(4)), online: [1, 2, 3]));

        var error = Assert.Single(plan.Errors);
        Assert.StartsWith("cannot remove a node while a QDevice is configured", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Going_from_three_to_two_nodes_does_not_set_two_node()
    {
        var plan = DeleteNodePlanner.Plan(Request(Cluster(3), node: "n3", online: [1, 2]));

        Assert.Null(plan.NewConfig!.Quorum!.TwoNode);
        Assert.DoesNotContain("two_node", plan.NewConfig.Write(), StringComparison.Ordinal);
        Assert.Contains("quorum: nodes 3 -> 2, expected votes 3 -> 2, quorum 2 -> 2, tolerated node failures 1 -> 0", plan.Notes);
        Assert.Contains(plan.Notes, n => n.StartsWith("two nodes without a QDevice: quorum needs both", StringComparison.Ordinal));
    }

    [Fact]
    public void Deleting_from_a_config_with_two_node_removes_it_and_the_plan_says_so()
    {
        // An older version wrote two_node: 1 for two nodes; the next edit of that config drops it.
        var plan = DeleteNodePlanner.Plan(Request(WithTwoNode(Cluster(2)), node: "n2", online: [1]));

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Null(plan.NewConfig!.Quorum!.TwoNode);
        Assert.Contains(plan.Notes, n => n.StartsWith("two_node: 1 is removed: with it both halves of a split two-node cluster stay quorate", StringComparison.Ordinal));
    }

    [Fact]
    public void Warns_when_the_online_nodes_would_lose_quorum()
    {
        // Five nodes, three online (3 of 5, quorum 3). Removing the online n3 leaves 2 online of 4 expected: quorum 3.
        var plan = DeleteNodePlanner.Plan(Request(Cluster(5), node: "n3", online: [1, 2, 3]));

        Assert.Contains(plan.Warnings, w => w.StartsWith("after the removal the online nodes have 2 votes but need 3", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_node_cannot_be_removed()
    {
        var plan = DeleteNodePlanner.Plan(Request(Cluster(1), node: "n1", local: "other", online: [1]));

        Assert.Contains(plan.Errors, e => e.Contains("last node", StringComparison.Ordinal));
    }
}
