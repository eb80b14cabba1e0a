using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Lifecycle;

public class AddNodePlannerTests
{
    private static AddNodeRequest Request(
        CorosyncConfig? config = null, string name = "delta", IReadOnlyList<LinkSpec>? links = null, bool quorate = true) =>
        new(config ?? ThreeTwoLinks(), name, links ?? [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")], quorate);

    [Fact]
    public void Adds_the_node_with_the_lowest_free_id_and_bumps_the_version()
    {
        var plan = AddNodePlanner.Plan(Request());

        Assert.True(plan.CanProceed, plan.Explain());
        var node = plan.NewConfig!.FindNode("delta")!;
        Assert.Equal(4UL, node.NodeId);
        Assert.Equal(4UL, plan.NodeId);
        Assert.Equal("10.1.0.4", node.GetLinkAddress(1));
        Assert.Equal(8UL, plan.NewConfig.Totem!.ConfigVersion);
        Assert.True(CorosyncConfValidator.IsValid(CorosyncConfValidator.Validate(CorosyncConfig.Parse(plan.CorosyncConf!))));
        Assert.Contains(plan.Steps, s => s.Contains("(config_version 7 -> 8): add node 'delta' nodeid 4 votes 1, link0 10.0.0.4, link1 10.1.0.4",
            StringComparison.Ordinal));
    }

    [Fact]
    public void Explains_the_quorum_change()
    {
        var plan = AddNodePlanner.Plan(Request());

        Assert.Equal(3, plan.Quorum!.Before.ExpectedVotes);
        Assert.Equal(4, plan.Quorum.After.ExpectedVotes);
        Assert.Contains("quorum: nodes 3 -> 4, expected votes 3 -> 4, quorum 2 -> 3, tolerated node failures 1 -> 1", plan.Notes);
        Assert.Contains(plan.Notes, n => n.Contains("an even node count adds no failure tolerance", StringComparison.Ordinal));
    }

    [Fact]
    public void Gaps_in_node_ids_are_reused()
    {
        var config = CorosyncConfEditor.RemoveNode(Cluster(3), "n2");

        var plan = AddNodePlanner.Plan(Request(config, links: [Link(0, "10.0.0.9")]));

        Assert.Equal(2UL, plan.NodeId);
    }

    [Fact]
    public void Refuses_without_quorum()
    {
        var plan = AddNodePlanner.Plan(Request(quorate: false));

        Assert.Contains(plan.Errors, e => e.Contains("not quorate", StringComparison.Ordinal));
        Assert.Null(plan.CorosyncConf);
    }

    [Fact]
    public void Refuses_while_a_qdevice_is_configured_with_the_admin_guide_procedure()
    {
        var plan = AddNodePlanner.Plan(Request(WithQdevice(Cluster(2)), links: [Link(0, "10.0.0.9")]));

        var error = Assert.Single(plan.Errors);
        Assert.Contains("Remove it first (pvecm qdevice remove)", error, StringComparison.Ordinal);
        Assert.Contains("even node count", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_existing_name_without_force()
    {
        var plan = AddNodePlanner.Plan(Request(name: "gamma"));

        Assert.Contains(plan.Errors, e => e.StartsWith("can't add existing node 'gamma'", StringComparison.Ordinal));
    }

    [Fact]
    public void Force_replaces_an_existing_node_keeping_id_and_votes_and_allows_its_old_addresses()
    {
        var request = Request(name: "gamma", links: [Link(0, "10.0.0.3"), Link(1, "10.1.0.30")]) with { Force = true };

        var plan = AddNodePlanner.Plan(request);

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.True(plan.ReplacesExistingNode);
        Assert.Equal(3UL, plan.NodeId);
        Assert.Equal(3, plan.NewConfig!.Nodes.Count);
        Assert.Equal("10.1.0.30", plan.NewConfig.FindNode("gamma")!.GetLinkAddress(1));
        Assert.Contains(plan.Warnings, w => w.StartsWith("forcing overwrite of configured node 'gamma'", StringComparison.Ordinal));
    }

    [Fact]
    public void Force_cannot_change_the_replaced_nodes_id_or_votes()
    {
        var plan = AddNodePlanner.Plan(Request(name: "gamma") with { Force = true, NodeId = 9 });

        Assert.Contains("--force can only replace node 'gamma' with the same node id (3) and votes (1)", plan.Errors);
    }

    [Fact]
    public void Refuses_a_node_id_in_use()
    {
        var plan = AddNodePlanner.Plan(Request() with { NodeId = 2 });

        Assert.Contains("node id 2 is already used by node 'beta'", plan.Errors);
    }

    [Fact]
    public void Refuses_an_address_used_by_another_node_on_any_link()
    {
        var plan = AddNodePlanner.Plan(Request(links: [Link(0, "10.1.0.2"), Link(1, "10.1.0.4")]));

        var error = Assert.Single(plan.Errors);
        Assert.StartsWith("link0: address '10.1.0.2' is already used by node 'beta' on link 1", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_link_set_that_differs_from_the_cluster()
    {
        var plan = AddNodePlanner.Plan(Request(links: [Link(0, "10.0.0.4"), Link(2, "10.2.0.4")]));

        Assert.Contains(plan.Errors, e => e.StartsWith("link 1 exists in the cluster but no address was given", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.StartsWith("link2 was given but the cluster has no link 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Fallback_address_fills_the_only_link()
    {
        var plan = AddNodePlanner.Plan(Request(Cluster(3), links: []) with { FallbackAddress = "10.0.0.4" });

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal("10.0.0.4", plan.Addresses[0]);
    }

    [Fact]
    public void Fallback_address_is_refused_on_multi_link_clusters()
    {
        var plan = AddNodePlanner.Plan(Request(links: []) with { FallbackAddress = "10.0.0.4" });

        Assert.Contains(plan.Errors, e => e.Contains("only works for single-link clusters", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_node_does_not_get_two_node_and_the_plan_says_both_are_needed_for_quorum()
    {
        var two = AddNodePlanner.Plan(Request(Cluster(1), links: [Link(0, "10.0.0.2")]));

        Assert.True(two.CanProceed, two.Explain());
        Assert.Null(two.NewConfig!.Quorum!.TwoNode);
        Assert.DoesNotContain("two_node", two.CorosyncConf, StringComparison.Ordinal);
        Assert.Contains("quorum: nodes 1 -> 2, expected votes 1 -> 2, quorum 1 -> 2, tolerated node failures 0 -> 0", two.Notes);
        Assert.Contains(two.Notes, n => n.StartsWith("two nodes without a QDevice: quorum needs both", StringComparison.Ordinal));
        Assert.DoesNotContain(two.Notes, n => n.StartsWith("two_node: 1 is removed", StringComparison.Ordinal));
    }

    [Fact]
    public void Adding_to_a_config_with_two_node_removes_it_and_the_plan_says_so()
    {
        var plan = AddNodePlanner.Plan(Request(WithTwoNode(Cluster(2)), name: "n3", links: [Link(0, "10.0.0.3")]));

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Null(plan.NewConfig!.Quorum!.TwoNode);
        Assert.DoesNotContain("two_node", plan.CorosyncConf, StringComparison.Ordinal);
        Assert.Contains(plan.Notes, n => n.StartsWith("two_node: 1 is removed: with it both halves of a split two-node cluster stay quorate", StringComparison.Ordinal));
        Assert.Contains("quorum: nodes 2 -> 3, expected votes 2 -> 3, quorum 1 (two_node) -> 2, tolerated node failures 1 -> 1",
            plan.Notes);
    }

    [Fact]
    public void An_invalid_cluster_config_is_refused_with_the_validator_findings()
    {
        var broken = CorosyncConfig.Parse(LifecycleFixtures.ThreeNodesTwoLinks.Replace("nodeid: 2", "nodeid: 1", StringComparison.Ordinal));

        var plan = AddNodePlanner.Plan(Request(broken));

        Assert.Contains(plan.Errors, e => e.StartsWith("current corosync.conf: error", StringComparison.Ordinal)
            && e.Contains("Duplicate nodeid", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_votes_are_allowed_with_a_warning()
    {
        var plan = AddNodePlanner.Plan(Request() with { Votes = 0 });

        Assert.True(plan.CanProceed);
        Assert.Equal(3, plan.Quorum!.After.ExpectedVotes);
        Assert.Contains(plan.Warnings, w => w.Contains("0 votes", StringComparison.Ordinal));
    }
}
