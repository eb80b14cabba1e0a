using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class ConfWriterTests
{
    [Fact]
    public void Writes_canonical_style_two_space_indent_and_blank_line_between_top_level_sections()
    {
        const string Messy = "logging {\n\tdebug:off\n}\nnodelist {\n\n node {\n      name:   a\n }\n\n}\n";

        var text = ConfWriter.Write(ConfParser.Parse(Messy));

        Assert.Equal("logging {\n  debug: off\n}\n\nnodelist {\n  node {\n    name: a\n  }\n}\n", text);
    }

    [Fact]
    public void Writes_comments_at_the_indentation_of_their_item()
    {
        const string Text = "#top\ntotem {\n  # version note\n  version: 2\n  #tail\n}\n\n# eof\n";

        Assert.Equal(Text, ConfWriter.Write(ConfParser.Parse(Text)));
    }

    [Fact]
    public void Writes_empty_value_without_trailing_space()
    {
        Assert.Equal("a {\n  key:\n}\n", ConfWriter.Write(ConfParser.Parse("a {\n  key:   \n}")));
    }

    [Fact]
    public void Top_level_values_are_separated_from_sections_only()
    {
        var root = ConfSection.CreateRoot();
        root.Items.Add(new ConfValue("a", "1"));
        root.Items.Add(new ConfValue("b", "2"));
        root.AddSection("s").SetValue("k", "v");

        Assert.Equal("a: 1\nb: 2\n\ns {\n  k: v\n}\n", ConfWriter.Write(root));
    }

    [Fact]
    public void Seed_redundant_link_example_is_written_in_canonical_form()
    {
        var text = ConfWriter.Write(ConfParser.Parse(TestConfigs.ReadFixture("seed-redundant-link.conf")));

        Assert.Contains("nodelist {\n  node {\n    name: due\n", text, StringComparison.Ordinal);
        Assert.Contains("  }\n  node {\n    name: tre\n", text, StringComparison.Ordinal);
        Assert.Contains("\n\nquorum {\n  provider: corosync_votequorum\n}\n\ntotem {\n", text, StringComparison.Ordinal);
        Assert.EndsWith("  interface {\n    linknumber: 1\n  }\n}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Tree_invariants_reject_what_could_not_be_written_back()
    {
        Assert.Throws<ArgumentException>(() => new ConfValue("two words", "x"));
        Assert.Throws<ArgumentException>(() => new ConfValue("k", "has { brace"));
        Assert.Throws<ArgumentException>(() => new ConfValue("k", "line\nbreak"));
        Assert.Throws<ArgumentException>(() => new ConfSection("a:b"));
        Assert.Throws<ArgumentException>(() => new ConfValue("k", "v").AddComment("two\nlines"));
        Assert.Equal("padded", new ConfValue("k", "  padded\t").Value);
    }
}
