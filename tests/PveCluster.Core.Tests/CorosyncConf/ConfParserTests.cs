using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class ConfParserTests
{
    [Fact]
    public void Parses_nested_sections_values_and_line_numbers()
    {
        var root = ConfParser.Parse("totem {\n  version: 2\n  interface {\n    linknumber: 0\n  }\n}\n");

        var totem = Assert.IsType<ConfSection>(Assert.Single(root.Items));
        Assert.Equal("totem", totem.Name);
        Assert.Equal(1, totem.Line);
        Assert.Equal(6, totem.EndLine);
        var version = Assert.IsType<ConfValue>(totem.Items[0]);
        Assert.Equal(("version", "2", 2), (version.Key, version.Value, version.Line));
        var face = Assert.IsType<ConfSection>(totem.Items[1]);
        Assert.Equal("0", face.GetValue("linknumber"));
        Assert.Equal(4, face.FindLastValue("linknumber")!.Line);
    }

    [Fact]
    public void Value_is_rest_of_line_trimmed_and_may_contain_colons_and_hashes()
    {
        var root = ConfParser.Parse("nodelist {\n\tnode {\n\t\tring0_addr:   fd00::1:2   \n\t\tname: a # not a comment\n\t}\n}");

        var node = root.GetSection("nodelist")!.GetSection("node")!;
        Assert.Equal("fd00::1:2", node.GetValue("ring0_addr"));
        Assert.Equal("a # not a comment", node.GetValue("name"));
    }

    [Fact]
    public void Empty_value_is_allowed()
    {
        var root = ConfParser.Parse("a {\n  key:\n}\n");

        Assert.Equal("", root.GetSection("a")!.GetValue("key"));
    }

    [Fact]
    public void Repeated_keys_and_sections_keep_their_order_and_last_value_wins()
    {
        var root = ConfParser.Parse("s {\n  k: 1\n  other: x\n  k: 2\n}\ns {\n  k: 3\n}\n");

        var first = root.Sections("s").First();
        Assert.Equal(["1", "2"], first.Values("k").Select(v => v.Value));
        Assert.Equal("2", first.GetValue("k"));
        Assert.Equal(["k", "other", "k"], first.Items.OfType<ConfValue>().Select(v => v.Key));
        Assert.Equal(2, root.Sections("s").Count());
    }

    [Fact]
    public void Comments_attach_to_the_following_item_or_to_the_section_end()
    {
        const string Text = "# file header\n# second\ntotem {\n  # about version\n  version: 2\n  # dangling in totem\n}\n# end of file\n";

        var root = ConfParser.Parse(Text);

        var totem = root.GetSection("totem")!;
        Assert.Equal([" file header", " second"], totem.Comments);
        Assert.Equal([" about version"], totem.FindLastValue("version")!.Comments);
        Assert.Equal([" dangling in totem"], totem.TrailingComments);
        Assert.Equal([" end of file"], root.TrailingComments);
    }

    [Fact]
    public void Accepts_crlf_tabs_blank_lines_and_brace_without_space()
    {
        var root = ConfParser.Parse("\r\n\ttotem{\r\n\r\n\t\tversion : 2\r\n\t}\r\n\r\n");

        Assert.Equal("2", root.GetSection("totem")!.GetValue("version"));
    }

    [Fact]
    public void Unknown_sections_and_keys_are_kept()
    {
        var root = ConfParser.Parse("system {\n  sched_rr: yes\n}\nresources {\n  x {\n    y: z\n  }\n}\n");

        Assert.Equal("yes", root.GetSection("system")!.GetValue("sched_rr"));
        Assert.Equal("z", root.GetSection("resources")!.GetSection("x")!.GetValue("y"));
    }
}
