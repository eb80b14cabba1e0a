using PveCluster.Core.CorosyncConf;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Tests.CorosyncConf;

namespace PveCluster.Core.Tests.Lifecycle.LinkChanges;

public class LinkChangePlannerTests
{
    private static readonly uint[] All = [1, 2, 3];

    private static LinkChangePlan Plan(LinkChange change, CorosyncConfig? config = null, bool quorate = true, uint[]? online = null, bool skip = false) =>
        LinkChangePlanner.Plan(new LinkChangeRequest(config ?? TestConfigs.Three(), change, quorate, online ?? All, skip, 30));

    private static AddLinkChange AddLink1(params (string Node, string Address)[] addresses) =>
        new(1, 20, [.. addresses.Select(a => new NodeLinkAddress(a.Node, a.Address))]);

    private static readonly (string, string)[] Link1 = [("alpha", "10.1.0.1"), ("beta", "10.1.0.2"), ("gamma", "10.1.0.3")];

    private static CorosyncConfig TwoLinks() => Plan(AddLink1(Link1)).NewConfig!;

    [Fact]
    public void Adding_a_link_plans_the_checks_the_write_with_a_version_bump_the_reload_and_the_watch()
    {
        var plan = Plan(AddLink1(Link1));

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal(8UL, plan.NewConfig!.Totem!.ConfigVersion);
        Assert.Equal("10.1.0.2", plan.NewConfig.FindNode("beta")!.GetLinkAddress(1));
        Assert.Equal([1], plan.CheckedLinks);
        Assert.Equal([1], plan.WatchedLinks);
        Assert.Contains("+    ring1_addr: 10.1.0.2", plan.Diff, StringComparison.Ordinal);
        Assert.Contains("-  config_version: 7\n+  config_version: 8", plan.Diff, StringComparison.Ordinal);
        var explained = plan.Explain();
        Assert.Contains("network preflight on every node", explained, StringComparison.Ordinal);
        Assert.Contains("config_version 7 -> 8", explained, StringComparison.Ordinal);
        Assert.Contains("corosync-cfgtool -R", explained, StringComparison.Ordinal);
        Assert.Contains("watch membership, quorum and the changed link for 30 s", explained, StringComparison.Ordinal);
        Assert.Contains("link1 (priority 20) carries the traffic", explained, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_node_needs_an_address_on_a_new_link()
    {
        var plan = Plan(AddLink1(("alpha", "10.1.0.1"), ("beta", "10.1.0.2")));

        Assert.False(plan.CanProceed);
        Assert.Contains(plan.Errors, e => e.Contains("missing: gamma", StringComparison.Ordinal));
    }

    [Fact]
    public void Addresses_must_be_unique_within_the_link_and_against_the_other_links()
    {
        Assert.Contains(Plan(AddLink1(("alpha", "10.1.0.1"), ("beta", "10.1.0.1"), ("gamma", "10.1.0.3"))).Errors,
            e => e.Contains("more than one node", StringComparison.Ordinal));
        Assert.Contains(Plan(AddLink1(("alpha", "10.0.0.2"), ("beta", "10.1.0.2"), ("gamma", "10.1.0.3"))).Errors,
            e => e.Contains("already used by node 'beta' on link 0", StringComparison.Ordinal));
    }

    [Fact]
    public void One_link_cannot_mix_ip_families()
    {
        var plan = Plan(AddLink1(("alpha", "fd00::1"), ("beta", "10.1.0.2"), ("gamma", "10.1.0.3")));

        Assert.Contains(plan.Errors, e => e.Contains("mixes IPv4 and IPv6", StringComparison.Ordinal));
    }

    [Fact]
    public void Knet_has_at_most_eight_links_and_a_link_is_added_once()
    {
        Assert.Contains(Plan(new AddLinkChange(8, null, [])).Errors, e => e.Contains("0 to 7", StringComparison.Ordinal));
        Assert.Contains(Plan(AddLink1(Link1), TwoLinks()).Errors, e => e.Contains("Link 1 already exists", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_link_is_never_removed()
    {
        Assert.Contains(Plan(new RemoveLinkChange(0)).Errors, e => e.Contains("only link", StringComparison.Ordinal));

        var removed = Plan(new RemoveLinkChange(0), TwoLinks());
        Assert.True(removed.CanProceed, removed.Explain());
        Assert.Null(removed.NewConfig!.FindNode("alpha")!.GetLinkAddress(0));
        Assert.Empty(removed.CheckedLinks);
        Assert.Contains("connected on a remaining link", removed.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Readdressing_checks_and_watches_the_link_and_refuses_a_no_op()
    {
        var plan = Plan(new SetLinkChange(1, null, false, new NodeLinkAddress("gamma", "10.1.0.33")), TwoLinks());

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal("10.1.0.33", plan.NewConfig!.FindNode("gamma")!.GetLinkAddress(1));
        Assert.Equal([1], plan.WatchedLinks);
        Assert.Contains(Plan(new SetLinkChange(1, null, false, new NodeLinkAddress("gamma", "10.1.0.3")), TwoLinks()).Errors,
            e => e.Contains("already uses", StringComparison.Ordinal));
        Assert.Contains(Plan(new SetLinkChange(1, null, false, null), TwoLinks()).Errors,
            e => e.Contains("nothing to change", StringComparison.Ordinal));
    }

    [Fact]
    public void A_priority_change_needs_no_network_check_and_explains_the_highest_number_wins()
    {
        var plan = Plan(new SetLinkChange(0, 50, false, null), TwoLinks());

        Assert.True(plan.CanProceed, plan.Explain());
        Assert.Equal(50, plan.NewConfig!.Totem!.FindInterface(0)!.KnetLinkPriority);
        Assert.Empty(plan.CheckedLinks);
        Assert.Contains("link0 (priority 50) carries the traffic", plan.Explain(), StringComparison.Ordinal);
        Assert.Null(Plan(new SetLinkChange(1, null, true, null), TwoLinks()).NewConfig!.Totem!.FindInterface(1)!.KnetLinkPriority);
    }

    [Fact]
    public void Without_quorum_nothing_is_changed()
    {
        Assert.Contains(Plan(AddLink1(Link1), quorate: false).Errors, e => e.Contains("not quorate", StringComparison.Ordinal));
    }

    [Fact]
    public void Offline_nodes_refuse_a_checked_change_unless_the_preflight_is_skipped()
    {
        Assert.Contains(Plan(AddLink1(Link1), online: [1, 2]).Errors, e => e.Contains("gamma are not members", StringComparison.Ordinal));

        var skipped = Plan(AddLink1(Link1), online: [1, 2], skip: true);
        Assert.True(skipped.CanProceed, skipped.Explain());
        Assert.Contains(skipped.Warnings, w => w.Contains("(preflight skipped)", StringComparison.Ordinal));
        Assert.Contains("network preflight SKIPPED", skipped.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_host_name_entered_for_a_node_is_shown_next_to_the_stored_ip()
    {
        var plan = Plan(new SetLinkChange(1, null, false, new NodeLinkAddress("gamma", "10.1.0.33", "gamma-ring1")), TwoLinks());

        Assert.Contains("host name 'gamma-ring1' resolved to 10.1.0.33", plan.Explain(), StringComparison.Ordinal);
        Assert.DoesNotContain("gamma-ring1", plan.NewConfig!.Write(), StringComparison.Ordinal);
    }
}
