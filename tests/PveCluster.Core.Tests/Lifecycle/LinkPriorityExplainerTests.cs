using FsCheck;
using FsCheck.Fluent;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Core.Tests.Lifecycle;

public class LinkPriorityExplainerTests
{
    [Theory]
    [InlineData(20, 15, 0)] // the admin guide's example: link0 (20) wins, not link1
    [InlineData(15, 20, 1)]
    [InlineData(null, null, 0)] // no priorities: lower link number
    [InlineData(5, 5, 0)]
    [InlineData(0, null, 0)] // 0 and unset both mean 1
    [InlineData(null, 2, 1)]
    public void The_highest_priority_number_carries_traffic(int? link0, int? link1, int expected)
    {
        Assert.Equal(expected, LinkPriorityExplainer.PreferenceOrder([(0, link0), (1, link1)])[0]);
    }

    [Fact]
    public void Preferred_link_has_the_maximum_effective_priority()
    {
        var links = Gen.Choose(0, 7).SelectMany(_ => Gen.Choose(0, 255)).ArrayOf()
            .Select(ps => ps.Take(8).Select((p, i) => (Number: i, Priority: (int?)p)).ToList())
            .Where(l => l.Count > 0);
        Prop.ForAll(links.ToArbitrary(), list =>
        {
            var best = LinkPriorityExplainer.PreferenceOrder(list)[0];
            var max = list.Max(l => LinkPriorityExplainer.EffectivePriority(l.Priority));
            var candidates = list.Where(l => LinkPriorityExplainer.EffectivePriority(l.Priority) == max).Select(l => l.Number);
            return best == candidates.Min();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_single_link_is_called_out_as_without_redundancy()
    {
        var note = Assert.Single(LinkPriorityExplainer.Explain([(0, null)]));

        Assert.Contains("no network redundancy", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Priority_zero_gets_a_note()
    {
        var notes = LinkPriorityExplainer.Explain([(0, 0), (1, 1)]);

        Assert.Contains(notes, n => n.Contains("priority=0 behaves like priority=1", StringComparison.Ordinal));
    }
}
