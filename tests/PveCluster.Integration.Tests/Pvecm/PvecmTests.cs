using PveCluster.Integration.Tests.Infrastructure;
using PveCluster.Lab;
using PveCluster.Lab.Quorum;

namespace PveCluster.Integration.Tests.Pvecm;

/// <summary>The published pvecm inside lab nodes, checked against the cluster it reports on and against corosync-quorumtool.</summary>
public sealed class PvecmTests : IClassFixture<PvecmLabFixture>
{
    private const int Isolated = 3;
    private static readonly int[] Survivors = [1, 2];

    private readonly LabCluster _lab;
    private readonly PvecmRunner _pvecm;

    public PvecmTests(PvecmLabFixture fixture)
    {
        _lab = fixture.Lab;
        _pvecm = new PvecmRunner(_lab);
    }

    [PvecmFact]
    public async Task Every_node_sees_the_whole_membership_via_pvecm_status()
    {
        var views = await _pvecm.WaitForAsync(_lab.Nodes, v => v.Quorate && v.Nodes == 3, "3 members, quorate");
        foreach (var (node, view) in _lab.Nodes.Zip(views))
        {
            Assert.Equal((uint)node, view.NodeId);
            Assert.Equal(3, view.ExpectedVotes);
            Assert.Equal(3, view.TotalVotes);
            Assert.Equal(2, view.Quorum);
            Assert.Contains("Quorate", view.Flags);
            Assert.Equal([1u, 2u, 3u], view.Members.Select(m => m.NodeId).Order());
            Assert.Equal(["n1", "n2", "n3"], view.Members.Select(m => m.Name).Order());
            Assert.Equal((uint)node, Assert.Single(view.Members, m => m.Local).NodeId);
            Assert.All(view.Members, m => Assert.Equal(_lab.Addressing.Node((int)m.NodeId, 0).ToString(), m.Address));
        }
        Assert.Single(views.Select(v => v.RingId).Distinct());
    }

    [PvecmFact]
    public async Task A_cut_shows_two_quorate_and_one_inquorate_expected_1_revives_the_isolated_node_and_heal_restores_three()
    {
        await _pvecm.WaitForAsync(_lab.Nodes, v => v.Quorate && v.Nodes == 3, "3 members, quorate");
        await _lab.CutAsync(Isolated, link: null, drop: false, CancellationToken.None);
        try
        {
            var survivors = await _pvecm.WaitForAsync(Survivors, v => v.Quorate && v.Nodes == 2, "2 members, quorate");
            var isolated = (await _pvecm.WaitForAsync([Isolated], v => !v.Quorate && v.Nodes == 1, "alone, not quorate"))[0];
            Assert.All(survivors, v => Assert.Equal([1u, 2u], v.Members.Select(m => m.NodeId).Order()));
            Assert.Equal(3, isolated.ExpectedVotes);
            Assert.Equal(1, isolated.TotalVotes);
            Assert.DoesNotContain("Quorate", isolated.Flags);

            foreach (var node in Survivors)
            {
                Assert.Equal([1u, 2u], (await _pvecm.NodesAsync(node)).Select(m => m.NodeId).Order());
            }
            Assert.Equal((uint)Isolated, Assert.Single(await _pvecm.NodesAsync(Isolated)).NodeId);
            await AssertMatchesQuorumToolAsync(_lab.Nodes);

            // A partition holding 2 votes cannot be told to expect 1: corosync refuses it.
            var refused = await _pvecm.RunAsync(1, "expected", "1");
            Assert.NotEqual(0, refused.ExitCode);
            Assert.False(string.IsNullOrWhiteSpace(refused.StandardError), "a refused `pvecm expected` must say why");

            var expected = await _pvecm.RunAsync(Isolated, "expected", "1", "--output-format", "json");
            Assert.True(expected.Succeeded, expected.StandardError);
            var answer = PvecmJson.Parse<PvecmExpectedDocument>(expected.StandardOutput);
            Assert.Equal(1, answer.ExpectedVotes);
            Assert.Equal(1, answer.Quorum);
            Assert.True(answer.Quorate);
            var revived = (await _pvecm.WaitForAsync([Isolated], v => v.Quorate, "quorate after expected 1"))[0];
            Assert.Equal(1, revived.ExpectedVotes);
            Assert.Equal(1, revived.Quorum);
            Assert.Equal(1, revived.Nodes);
        }
        finally
        {
            await _lab.HealAsync(Isolated, link: null, CancellationToken.None);
        }
        var healed = await _pvecm.WaitForAsync(_lab.Nodes, v => v.Quorate && v.Nodes == 3 && v.ExpectedVotes == 3, "3 members, expected 3");
        Assert.All(healed, v => Assert.Equal(2, v.Quorum));
        Assert.Single(healed.Select(v => v.RingId).Distinct());
    }

    [PvecmFact]
    public async Task Pvecm_status_agrees_with_corosync_quorumtool_on_every_node()
    {
        await _pvecm.WaitForAsync(_lab.Nodes, v => v.Quorate && v.Nodes == 3, "3 members, quorate");
        await AssertMatchesQuorumToolAsync(_lab.Nodes);
    }

    /// <summary>
    /// Same nodes, votes, quorum, flags and ring id as the reference tool. Reads the tool before and
    /// after pvecm and retries if the membership moved in between, so only a real disagreement fails.
    /// </summary>
    private async Task AssertMatchesQuorumToolAsync(IEnumerable<int> nodes)
    {
        foreach (var node in nodes)
        {
            for (var attempt = 1; ; attempt++)
            {
                var reference = await _lab.QuorumStatusAsync(node, CancellationToken.None);
                var ours = await _pvecm.StatusAsync(node);
                var referenceAfter = await _lab.QuorumStatusAsync(node, CancellationToken.None);
                Assert.NotNull(reference);
                if (referenceAfter?.RingId != reference.RingId && attempt < 5)
                {
                    continue;
                }
                AssertSame(reference, ours);
                break;
            }
        }
    }

    private static void AssertSame(QuorumToolStatus reference, PvecmQuorumDocument ours)
    {
        var context = $"\nquorumtool: {reference}\npvecm:      {ours}";
        Assert.True(reference.LocalNodeId == ours.NodeId, "node id" + context);
        Assert.True(reference.RingId == ours.RingId, "ring id" + context);
        Assert.True(reference.Quorate == ours.Quorate, "quorate" + context);
        Assert.True(reference.NodeCount == ours.Nodes, "nodes" + context);
        Assert.True(reference.ExpectedVotes == ours.ExpectedVotes, "expected votes" + context);
        Assert.True(reference.HighestExpected == ours.HighestExpected, "highest expected" + context);
        Assert.True(reference.TotalVotes == ours.TotalVotes, "total votes" + context);
        Assert.True(reference.Quorum == ours.Quorum, "quorum" + context);
        Assert.True(reference.Flags.Order().SequenceEqual(ours.Flags.Order()), "flags" + context);
        var referenceMembers = reference.Members.Select(m => (m.NodeId, m.Votes, m.Name, m.IsLocal)).Order().ToList();
        var ourMembers = ours.Members.Select(m => ((int)m.NodeId, m.Votes, m.Name ?? "", m.Local)).Order().ToList();
        Assert.True(referenceMembers.SequenceEqual(ourMembers),
            $"members: quorumtool [{string.Join(", ", referenceMembers)}] vs pvecm [{string.Join(", ", ourMembers)}]");
    }
}
