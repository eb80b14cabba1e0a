using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Core.Links.Probe;

namespace PveCluster.Core.Tests.Lifecycle.LinkChanges;

public class LinkNetworkRulesTests
{
    private const string CfgtoolN = """
        Local node ID 1, transport knet
        nodeid: 2 reachable
           LINK: 0 udp (198.18.2.1->198.18.2.2) enabled connected mtu: 1397
           LINK: 1 udp (198.19.2.1->198.19.2.2) enabled connected mtu: 1397

        nodeid: 3 reachable
           LINK: 0 udp (198.18.2.1->198.18.2.3) enabled connected mtu: 1397
           LINK: 1 udp (198.19.2.1->198.19.2.99) enabled mtu: 1397

        """;

    private static ClusterHealth Health(bool quorate, uint[] members, string links = CfgtoolN) =>
        new(quorate, members.ToHashSet(), KnetLinkStatus.Parse(links));

    [Fact]
    public void Cfgtool_n_output_says_which_link_reaches_which_node()
    {
        var status = KnetLinkStatus.Parse(CfgtoolN);

        Assert.Equal(4, status.Links.Count);
        Assert.True(status.IsConnected(3, 0));
        Assert.False(status.IsConnected(3, 1));
        Assert.Equal(new KnetPeerLink(3, 1, "198.19.2.1", "198.19.2.99", false, 1397), status.Links[3]);
    }

    [Fact]
    public void The_watch_rolls_back_on_lost_quorum_or_members_and_on_a_changed_link_that_does_not_connect()
    {
        var before = Health(true, [1, 2, 3]);

        Assert.Null(LinkChangeWatch.Worse(before, Health(true, [1, 2, 3])));
        Assert.Equal("this node lost quorum", LinkChangeWatch.Worse(before, Health(false, [1])));
        Assert.Equal("node id(s) 3 left the membership", LinkChangeWatch.Worse(before, Health(true, [1, 2])));
        Assert.Null(LinkChangeWatch.LinksDown(before, [0], 1));
        Assert.Equal("not connected: link 1 to node id 3", LinkChangeWatch.LinksDown(before, [1], 1));
    }

    [Fact]
    public void The_preflight_refuses_silence_and_slow_paths_and_warns_about_mtu_and_clocks()
    {
        ProbeTarget Target(string to, string node) => new(node, 1, "10.1.0.1", to, 5405);
        var nodes = new List<ProbeReady>
        {
            new("n1", 0, [], [new ProbeListener("10.1.0.1", 5405, 1500, null)]),
            new("n2", 0, [], [new ProbeListener("10.1.0.2", 5405, 9000, null)]),
            new("n3", 0, [], [new ProbeListener("10.1.0.9", 0, null, "the address is not configured on this node")]),
        };
        var results = new List<ProbeResult>
        {
            new(Target("10.1.0.2", "n2"), 10, 10, 9.5, null, 0.2),
            new(Target("10.1.0.9", "n3"), 10, 0, null, null),
            new(Target("10.1.0.4", "n4"), 10, 10, 3.1, null),
        };

        var report = NetworkPreflightEvaluator.Evaluate(nodes, results, [new NodeClock("n2", 5000, 10), new NodeClock("n3", 900, 10)]);

        Assert.False(report.CanProceed);
        Assert.Contains(report.Errors, e => e.Contains("node 'n3': cannot use 10.1.0.9: the address is not configured", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("-> 10.1.0.9 ('n3'): no answer to 10 UDP probes", StringComparison.Ordinal));
        Assert.Contains(report.Errors, e => e.Contains("-> 10.1.0.4 ('n4'): average round trip 3.10 ms", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Errors, e => e.Contains("'n2'", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("interface MTUs differ", StringComparison.Ordinal));
        Assert.Contains(report.Warnings, w => w.Contains("node 'n2': its clock is 5000 ms off", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Warnings, w => w.Contains("node 'n3': its clock", StringComparison.Ordinal));
        Assert.Contains(report.Table, l => l.Contains("10/10 UDP probes answered, avg round trip 0.200 ms (ICMP)", StringComparison.Ordinal));
    }

    [Fact]
    public void Ping_summary_gives_the_average()
    {
        Assert.Equal(0.041, PingSummary.Average("--- 10.0.0.2 ping statistics ---\n5 packets transmitted, 5 received, 0% packet loss, time 81ms\nrtt min/avg/max/mdev = 0.032/0.041/0.072/0.015 ms\n"));
        Assert.Null(PingSummary.Average("5 packets transmitted, 0 received, 100% packet loss, time 4ms\n"));
    }

    [Fact]
    public void Probe_datagrams_are_answers_only_to_their_own_run()
    {
        var datagram = ProbeDatagram.Create(42, 7);

        Assert.True(ProbeDatagram.IsProbe(datagram));
        Assert.True(ProbeDatagram.TryReadAnswer(datagram, 42, out var sequence));
        Assert.Equal(7u, sequence);
        Assert.False(ProbeDatagram.TryReadAnswer(datagram, 43, out _));
        Assert.False(ProbeDatagram.IsProbe(datagram.AsSpan(0, 10)));
    }

    [Fact]
    public void The_diff_shows_changed_lines_with_context()
    {
        var diff = ConfDiff.Unified("a\nb\nc\nd\ne\nf\n", "a\nb\nC\nd\ne\nf\n", "x");

        Assert.Equal("--- x (current)\n+++ x (new)\n@@ -1,5 +1,5 @@\n a\n b\n-c\n+C\n d\n e\n", diff);
        Assert.Equal("", ConfDiff.Unified("same\n", "same\n", "x"));
    }
}
