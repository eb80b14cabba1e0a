using System.Text.Json.Nodes;
using PveCluster.Core.JoinInfo;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using static PveCluster.Core.Tests.Lifecycle.LifecycleFixtures;

namespace PveCluster.Core.Tests.Lifecycle;

public class JoinPreflightPlannerTests
{
    private static readonly JoinTarget TwoLinkCluster = JoinTarget.FromConfig(ThreeTwoLinks(), "10.0.0.1");
    private static readonly JoinTarget OneLinkCluster = JoinTarget.FromConfig(Cluster(3), "10.0.0.1");

    private static JoinRequest Request(
        JoinTarget? cluster = null,
        IReadOnlyList<LinkSpec>? links = null,
        LocalClusterState? state = null,
        IReadOnlyList<string>? guests = null,
        string node = "delta",
        string? resolved = "10.0.0.4",
        bool force = false) =>
        new(node, cluster ?? TwoLinkCluster, links ?? [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")],
            Local("10.0.0.4", "10.1.0.4", "fd00::4"), resolved, state ?? LocalClusterState.Standalone, guests ?? [], force);

    [Fact]
    public void A_clean_node_with_matching_links_may_join()
    {
        var result = JoinPreflightPlanner.Check(Request());

        Assert.True(result.CanProceed, result.Explain());
        Assert.Equal([0, 1], result.Links.Select(l => l.Number));
        Assert.Null(result.FallbackAddress);
        Assert.Contains(result.Steps, s => s.Contains("with link0 10.0.0.4, link1 10.1.0.4", StringComparison.Ordinal));
        Assert.Contains(result.Steps, s => s.Contains("discard it: the cluster's /etc/pve replaces it", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_local_state_problem_is_reported_at_once()
    {
        var result = JoinPreflightPlanner.Check(Request(state: new LocalClusterState(true, true, true, true)));

        Assert.Equal(4, result.Errors.Count);
        Assert.Contains("authentication key '/etc/corosync/authkey' already exists", result.Errors);
        Assert.Contains("cluster config '/etc/pve/corosync.conf' already exists", result.Errors);
    }

    [Fact]
    public void Force_turns_local_state_problems_into_warnings_like_assert_joinable()
    {
        var result = JoinPreflightPlanner.Check(Request(state: new LocalClusterState(HasAuthKey: true), force: true));

        Assert.True(result.CanProceed);
        Assert.Contains(result.Warnings, w => w.EndsWith("(ignored because of --force)", StringComparison.Ordinal));
    }

    [Fact]
    public void Guests_block_the_join_and_are_listed_by_vmid()
    {
        var files = new[]
        {
            "/etc/pve/nodes/delta/qemu-server/100.conf",
            "/etc/pve/nodes/delta/lxc/101.conf",
            "/etc/pve/nodes/delta/qemu-server/notes.txt",
            "/etc/pve/nodes/delta/qemu-server/100.conf.tmp",
        };

        var result = JoinPreflightPlanner.Check(Request(guests: files));

        Assert.Equal([new GuestId(100, "VM"), new GuestId(101, "CT")], result.Guests);
        var error = Assert.Single(result.Errors);
        Assert.Contains("(VM 100, CT 101)", error, StringComparison.Ordinal);
        Assert.Contains("vzdump", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_node_name_is_refused_without_force_and_replaced_with_it()
    {
        var refused = JoinPreflightPlanner.Check(Request(node: "gamma", links: [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")]));
        Assert.Contains(refused.Errors, e => e.Contains("already in the cluster's nodelist", StringComparison.Ordinal));
        Assert.False(refused.ReplacesExistingNode);

        // The reinstalled gamma comes back with its old addresses, which must not count as taken.
        var forced = JoinPreflightPlanner.Check(
            Request(node: "gamma", links: [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")], force: true));
        Assert.True(forced.CanProceed, forced.Explain());
        Assert.True(forced.ReplacesExistingNode);
        Assert.Contains(forced.Notes, n => n.Contains("pvecm updatecerts", StringComparison.Ordinal));
    }

    [Fact]
    public void Link_addresses_must_be_local()
    {
        var result = JoinPreflightPlanner.Check(Request(links: [Link(0, "10.0.0.4"), Link(1, "10.1.0.99")]));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("link1: IP '10.1.0.99' is not configured on this host (local addresses: 10.0.0.4, 10.1.0.4, fd00::4)", error,
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_link_set_must_equal_the_clusters_links()
    {
        var missing = JoinPreflightPlanner.Check(Request(links: [Link(0, "10.0.0.4")]));
        Assert.Equal(["link 1 exists in the cluster but no address was given for it (--link1); the cluster's links are 0, 1"],
            missing.Errors);

        var extra = JoinPreflightPlanner.Check(Request(cluster: OneLinkCluster, links: [Link(0, "10.0.0.4"), Link(1, "10.1.0.4")]));
        Assert.Equal(["link1 was given but the cluster has no link 1; the cluster's links are 0"], extra.Errors);
    }

    [Fact]
    public void A_link_must_use_the_clusters_ip_family()
    {
        var result = JoinPreflightPlanner.Check(Request(links: [Link(0, "fd00::4"), Link(1, "10.1.0.4")]));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("link0: 'fd00::4' is IPv6, but node 'alpha' uses IPv4 '10.0.0.1' on link 0", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_of_another_node_is_refused()
    {
        var local = Local("10.0.0.2", "10.1.0.4");
        var request = Request(links: [Link(0, "10.0.0.2"), Link(1, "10.1.0.4")]) with { LocalAddresses = local };

        var result = JoinPreflightPlanner.Check(request);

        Assert.Contains("link0: address '10.0.0.2' is already used by node 'beta' on link 0", result.Errors);
    }

    [Fact]
    public void Single_link_cluster_without_links_falls_back_to_the_resolved_address()
    {
        var result = JoinPreflightPlanner.Check(Request(cluster: OneLinkCluster, links: []));

        Assert.True(result.CanProceed, result.Explain());
        Assert.Equal("10.0.0.4", result.FallbackAddress);
        Assert.Equal(new LinkSpec(0, "10.0.0.4"), Assert.Single(result.Links));
        Assert.Contains(result.Steps, s => s.Contains("new_node_ip 10.0.0.4", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_link_cluster_without_links_is_refused_with_the_options_to_give()
    {
        var result = JoinPreflightPlanner.Check(Request(links: []));

        var error = Assert.Single(result.Errors);
        Assert.Contains("--link0 ADDRESS --link1 ADDRESS", error, StringComparison.Ordinal);
        Assert.Null(result.FallbackAddress);
    }

    [Theory]
    [InlineData(null, "does not resolve")]
    [InlineData("127.0.1.1", "loopback")]
    [InlineData("192.168.7.7", "not configured on this host")]
    public void The_fallback_needs_a_usable_resolved_address(string? resolved, string expected)
    {
        var result = JoinPreflightPlanner.Check(Request(cluster: OneLinkCluster, links: [], resolved: resolved));

        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Join_information_gives_the_link_numbers_and_the_peers_addresses()
    {
        var totem = new JsonObject
        {
            ["cluster_name"] = "prod",
            ["interface"] = new JsonObject
            {
                ["0"] = new JsonObject { ["linknumber"] = "0" },
                ["1"] = new JsonObject { ["linknumber"] = "1" },
            },
        };
        var info = new JoinInformation(
            "10.0.0.1", CertificateFingerprint.Parse(string.Join(':', Enumerable.Repeat("AB", 32))),
            new Dictionary<int, string> { [0] = "10.0.0.1", [1] = "fd01::1" }, ["10.0.0.1", "fd01::1"], totem);

        var target = JoinTarget.FromJoinInformation(info, ["alpha"]);
        var result = JoinPreflightPlanner.Check(Request(cluster: target));

        Assert.Equal([0, 1], target.LinkNumbers);
        Assert.Equal("Join node 'delta' to cluster 'prod' via 10.0.0.1", result.Title);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("link1: '10.1.0.4' is IPv4, but peer 10.0.0.1 uses IPv6", error, StringComparison.Ordinal);
    }
}
