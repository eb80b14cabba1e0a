using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Replication.Messages;
using PveCluster.Core.Quorum;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>When the reports of a membership's members let it take votequorum's verdict (pure rule).</summary>
public sealed class VotequorumVerdictsTests
{
    private static readonly CpgMember N1 = new(1, 100);
    private static readonly CpgMember N2 = new(2, 200);
    private static readonly CpgMember[] Both = [N1, N2];
    private static readonly RingId Ring = new(1, 0x20);

    private static VotequorumVerdictMessage Quorate(params uint[] nodes) => new(Ring, true, nodes);

    [Fact]
    public void Every_member_reporting_quorate_for_one_ring_of_exactly_its_nodes_agrees()
    {
        var verdicts = new VotequorumVerdicts();
        verdicts.Record(N1, Quorate(1, 2));
        Assert.False(verdicts.AgreeQuorate(Both));

        verdicts.Record(N2, Quorate(2, 1));
        Assert.True(verdicts.AgreeQuorate(Both));
    }

    [Fact]
    public void The_latest_report_of_each_member_counts()
    {
        var verdicts = new VotequorumVerdicts();
        verdicts.Record(N1, Quorate(1, 2));
        verdicts.Record(N2, Quorate(1, 2));
        verdicts.Record(N2, new VotequorumVerdictMessage(Ring, false, [1, 2]));
        Assert.False(verdicts.AgreeQuorate(Both));

        verdicts.Record(N2, Quorate(1, 2));
        Assert.True(verdicts.AgreeQuorate(Both));
    }

    [Fact]
    public void Reports_about_different_rings_do_not_agree()
    {
        var verdicts = new VotequorumVerdicts();
        verdicts.Record(N1, Quorate(1, 2));
        verdicts.Record(N2, new VotequorumVerdictMessage(new RingId(1, 0x24), true, [1, 2]));
        Assert.False(verdicts.AgreeQuorate(Both));
    }

    [Fact]
    public void A_ring_with_a_node_outside_the_membership_does_not_count()
    {
        // Node 3 is in the ring (its vote counted by votequorum) but runs no pmxcfs: it holds no tree.
        var verdicts = new VotequorumVerdicts();
        verdicts.Record(N1, Quorate(1, 2, 3));
        verdicts.Record(N2, Quorate(1, 2, 3));
        Assert.False(verdicts.AgreeQuorate(Both));
    }

    [Fact]
    public void Clearing_at_a_new_configuration_forgets_every_report()
    {
        var verdicts = new VotequorumVerdicts();
        verdicts.Record(N1, Quorate(1, 2));
        verdicts.Record(N2, Quorate(1, 2));
        verdicts.Clear();
        Assert.False(verdicts.AgreeQuorate(Both));
        Assert.False(verdicts.AgreeQuorate([]));
    }

    /// <summary>
    /// Any interleaving of the members' report streams (each member's own order kept) gives the verdict that
    /// their last reports give: what a member reported before its latest report never counts.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Only_each_members_latest_report_decides(int seed) =>
        Prop.ToProperty(Check(seed));

    private static bool Check(int seed)
    {
        var random = new Random(seed);
        var members = Enumerable.Range(1, random.Next(1, 5)).Select(i => new CpgMember((uint)i, (uint)(i * 10))).ToList();
        var rings = new[] { new RingId(1, 8), new RingId(1, 12) };
        VotequorumVerdictMessage RandomReport()
        {
            var nodes = members.Select(m => m.NodeId).Where(_ => random.Next(4) > 0).ToList();
            if (random.Next(3) == 0)
            {
                nodes = members.Select(m => m.NodeId).ToList();
            }

            if (random.Next(6) == 0)
            {
                nodes.Add(9);
            }

            return new VotequorumVerdictMessage(rings[random.Next(rings.Length)], random.Next(3) > 0, nodes);
        }

        var streams = members.ToDictionary(m => m, _ => Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomReport()).ToList());
        var verdicts = new VotequorumVerdicts();
        var cursors = members.ToDictionary(m => m, _ => 0);
        while (cursors.Where(c => c.Value < streams[c.Key].Count).Select(c => c.Key).ToList() is { Count: > 0 } open)
        {
            var next = open[random.Next(open.Count)];
            verdicts.Record(next, streams[next][cursors[next]++]);
        }

        var nodes = members.Select(m => m.NodeId).ToHashSet();
        var last = members.Select(m => streams[m].LastOrDefault()).ToList();
        var expected = last.All(r => r is { Quorate: true } && nodes.SetEquals(r.RingNodes)) && last.Select(r => r!.Ring).Distinct().Count() == 1;
        return verdicts.AgreeQuorate(members) == expected;
    }
}
