using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class ConfRoundTripProperties
{
    [Property(Arbitrary = [typeof(ConfTreeGenerators)], MaxTest = 300)]
    public bool Write_then_parse_gives_the_same_tree(ConfSection tree) =>
        ConfParser.Parse(ConfWriter.Write(tree)).SameContentAs(tree);

    [Property(Arbitrary = [typeof(ConfTreeGenerators)], MaxTest = 300)]
    public bool Writing_is_idempotent(ConfSection tree)
    {
        var once = ConfWriter.Write(tree);
        return ConfWriter.Write(ConfParser.Parse(once)) == once;
    }

    [Fact]
    public void Clone_is_deep_and_equal()
    {
        Prop.ForAll(ConfTreeGenerators.Root.ToArbitrary(), tree =>
        {
            var copy = tree.CloneSection();
            var equalBefore = copy.SameContentAs(tree);
            copy.Items.Add(new ConfValue("added_to_copy", "1"));
            return equalBefore && !copy.SameContentAs(tree) && tree.Items.All(i => i is not ConfValue { Key: "added_to_copy" });
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Generator_produces_nested_sections_and_comments()
    {
        // Guards the properties above against a generator that silently degenerates to flat trees.
        var samples = ConfTreeGenerators.Root.Sample(200, 50);

        Assert.Contains(samples, t => t.Items.OfType<ConfSection>().Any(s => s.Items.OfType<ConfSection>().Any()));
        Assert.Contains(samples, t => t.Items.Any(i => i.Comments.Count > 0));
    }
}
