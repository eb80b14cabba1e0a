using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Lifecycle;

public class ClusterCreatePlannerTests
{
    private static CreateRequest Request(
        IReadOnlyList<LinkSpec>? links = null,
        string? resolved = "192.168.1.10",
        LocalClusterState? state = null,
        string cluster = "prod",
        string node = "pve1") =>
        new(cluster, node, links ?? [], Local("192.168.1.10", "10.10.10.1", "10.20.20.1", "fd00::1"), resolved,
            state ?? LocalClusterState.Standalone);

    [Fact]
    public void Without_links_link0_defaults_to_the_resolved_address_and_says_so()
    {
        var plan = ClusterCreatePlanner.Plan(Request());

        Assert.True(plan.CanProceed, plan.Explain());
        var link = Assert.Single(plan.Links);
        Assert.Equal(new InitialLink(0, "192.168.1.10"), link);
        Assert.Contains(plan.Notes, n => n.Contains("link0 uses 192.168.1.10", StringComparison.Ordinal));
        var config = CorosyncConfig.Parse(plan.CorosyncConf!);
        Assert.Equal("prod", config.Totem!.ClusterName);
        Assert.Equal(1UL, config.Totem.ConfigVersion);
        Assert.Equal("192.168.1.10", config.FindNode("pve1")!.GetLinkAddress(0));
        Assert.True(CorosyncConfValidator.IsValid(CorosyncConfValidator.Validate(config)));
    }

    [Fact]
    public void Steps_are_ordered_and_name_the_files_and_services()
    {
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "10.10.10.1")]));

        Assert.Equal(6, plan.Steps.Count);
        Assert.Contains("generate the corosync authkey /etc/corosync/authkey", plan.Steps[1], StringComparison.Ordinal);
        Assert.Contains("write /etc/pve/corosync.conf (config_version 1)", plan.Steps[2], StringComparison.Ordinal);
        Assert.Contains("link0 10.10.10.1", plan.Steps[2], StringComparison.Ordinal);
        Assert.Equal("restart corosync and pve-cluster (pmxcfs)", plan.Steps[^1]);
        Assert.True(plan.GenerateAuthKey);
    }

    [Fact]
    public void An_existing_authkey_is_reused_with_a_warning()
    {
        var plan = ClusterCreatePlanner.Plan(Request(state: new LocalClusterState(HasAuthKey: true)));

        Assert.True(plan.CanProceed);
        Assert.False(plan.GenerateAuthKey);
        Assert.Contains(plan.Warnings, w => w.Contains("reused", StringComparison.Ordinal));
        Assert.Contains("keep the existing corosync authkey", plan.Steps[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, false, false, "already exists: this node is already in a cluster")]
    [InlineData(false, true, false, "configuration of an earlier cluster")]
    [InlineData(false, false, true, "corosync is already running")]
    public void Refuses_a_node_that_is_or_was_in_a_cluster(bool clusterConf, bool localConf, bool running, string expected)
    {
        var plan = ClusterCreatePlanner.Plan(Request(state: new LocalClusterState(clusterConf, localConf, false, running)));

        Assert.False(plan.CanProceed);
        Assert.Contains(plan.Errors, e => e.Contains(expected, StringComparison.Ordinal));
        Assert.Null(plan.CorosyncConf);
        Assert.Throws<PlanRefusedException>(plan.EnsureCanProceed);
    }

    [Fact]
    public void Invalid_names_are_refused_with_the_name_rule()
    {
        var plan = ClusterCreatePlanner.Plan(Request(cluster: "this-name-is-too-long", node: "pve1.example.com"));

        Assert.Equal(2, plan.Errors.Count);
        Assert.Contains(plan.Errors, e => e.Contains("at most 15", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Contains("must not contain '.'", StringComparison.Ordinal));
    }

    [Fact]
    public void Link_addresses_must_exist_locally_and_not_repeat()
    {
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "10.10.10.9"), Link(1, "10.20.20.1"), Link(2, "10.20.20.1")]));

        Assert.Contains(plan.Errors, e => e.StartsWith("link0: IP '10.10.10.9' is not configured on this host", StringComparison.Ordinal));
        Assert.Contains(plan.Errors, e => e.Contains("is used by link1, link2", StringComparison.Ordinal));
        Assert.Equal(2, plan.Errors.Count);
    }

    [Fact]
    public void Ipv6_addresses_compare_canonically()
    {
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "fd00:0:0::1")]));

        Assert.True(plan.CanProceed, plan.Explain());
    }

    [Fact]
    public void Duplicate_link_numbers_are_refused()
    {
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "10.10.10.1"), Link(0, "10.20.20.1")]));

        Assert.Contains("link0 is given 2 times; each link number may be used once", plan.Errors);
    }

    [Fact]
    public void A_host_name_link_is_accepted_with_a_warning()
    {
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "pve1-corosync")]));

        Assert.True(plan.CanProceed);
        Assert.Contains(plan.Warnings, w => w.StartsWith("link0: 'pve1-corosync' is a host name", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, "does not resolve")]
    [InlineData("127.0.1.1", "loopback")]
    [InlineData("192.168.99.99", "not configured on this host")]
    public void The_default_link_needs_a_usable_resolved_address(string? resolved, string expected)
    {
        var plan = ClusterCreatePlanner.Plan(Request(resolved: resolved));

        var error = Assert.Single(plan.Errors);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explanation_states_the_real_knet_rule_highest_priority_wins()
    {
        // The admin guide's example: link0 priority 20, link1 priority 15. knet uses link0.
        var plan = ClusterCreatePlanner.Plan(Request([Link(0, "10.10.10.1", 20), Link(1, "10.20.20.1", 15)]));

        var note = Assert.Single(plan.Notes, n => n.StartsWith("link_mode passive", StringComparison.Ordinal));
        Assert.Contains("HIGHEST priority number, so link0 (priority 20) carries the traffic", note, StringComparison.Ordinal);
        Assert.Contains("standby in order: link1 (priority 15)", note, StringComparison.Ordinal);
        Assert.Contains("knet_link_priority: 20", plan.CorosyncConf, StringComparison.Ordinal);
        Assert.Contains("HIGHEST", plan.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_id_and_votes_are_checked_and_used()
    {
        var bad = ClusterCreatePlanner.Plan(Request() with { NodeId = 0, Votes = 0 });
        Assert.Equal(2, bad.Errors.Count);

        var good = ClusterCreatePlanner.Plan(Request() with { NodeId = 7, Votes = 2 });
        var node = good.Config!.FindNode("pve1")!;
        Assert.Equal(7UL, node.NodeId);
        Assert.Equal(2UL, node.QuorumVotes);
    }

    [Theory]
    [InlineData(4294967296UL)]
    [InlineData(ulong.MaxValue)]
    public void Votes_beyond_what_corosync_reads_are_refused(ulong votes)
    {
        var plan = ClusterCreatePlanner.Plan(Request() with { Votes = votes });

        Assert.Equal($"votes {votes} is out of range: corosync accepts 0 to 2147483647 votes per node", Assert.Single(plan.Errors));
        Assert.Null(plan.Config);
    }

    [Fact]
    public void Explain_lists_errors_instead_of_steps_when_refused()
    {
        var text = ClusterCreatePlanner.Plan(Request(state: new LocalClusterState(HasClusterConf: true))).Explain();

        Assert.StartsWith("Create cluster 'prod' on node 'pve1'\n", text, StringComparison.Ordinal);
        Assert.Contains("Refused, nothing will be changed:\n  - cluster config '/etc/pve/corosync.conf' already exists", text, StringComparison.Ordinal);
        Assert.DoesNotContain("What will be done", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resolved_host_name_is_shown_in_the_plan_and_only_the_ip_is_written()
    {
        var link = new LinkSpec(0, "10.10.10.1") { EnteredHostName = "pve1-corosync" };

        var plan = ClusterCreatePlanner.Plan(Request([link]));

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Contains("host name 'pve1-corosync' resolved to 10.10.10.1", plan.Explain(), StringComparison.Ordinal);
        Assert.Contains(plan.Warnings, w => w.Contains("prefers IPv6 by default", StringComparison.Ordinal));
        Assert.Contains("ring0_addr: 10.10.10.1", plan.CorosyncConf, StringComparison.Ordinal);
        Assert.DoesNotContain("pve1-corosync", plan.CorosyncConf, StringComparison.Ordinal);
    }
}
