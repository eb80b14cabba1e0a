using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

public class ConfParseErrorTests
{
    private static ConfParseException Fail(string text) => Assert.Throws<ConfParseException>(() => ConfParser.Parse(text));

    [Fact]
    public void Unexpected_closing_brace_names_its_line()
    {
        var error = Fail("totem {\n  version: 2\n}\n}\n");

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("unexpected '}'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("corosync.conf line 4:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_closing_brace_names_the_line_where_the_section_opened()
    {
        var error = Fail("logging {\n}\ntotem {\n  interface {\n    linknumber: 0\n  }\n");

        Assert.Contains("section 'totem' opened at line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing '}'", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.LineNumber);
    }

    [Fact]
    public void Missing_closing_brace_of_nested_section_names_the_innermost_section()
    {
        var error = Fail("totem {\n  interface {\n    linknumber: 0\n}\n");

        Assert.Contains("section 'totem' opened at line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Line_without_colon_is_rejected()
    {
        var error = Fail("totem {\n  version 2\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("'version 2'", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing ':'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_key_is_rejected()
    {
        var error = Fail("totem {\n  : 2\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("empty key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_with_whitespace_is_rejected()
    {
        var error = Fail("totem {\n  cluster name: x\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("invalid key 'cluster name'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_opening_brace_is_rejected()
    {
        var error = Fail("nodelist {\n  node { name: n1  nodeid: 1 }\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("after '{'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_closing_brace_is_rejected()
    {
        var error = Fail("totem {\n  version: 2\n} totem2\n");

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("after '}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_without_name_is_rejected()
    {
        var error = Fail("totem {\n  {\n  }\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("section without a name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Value_containing_opening_brace_is_rejected_like_corosync_would_misread_it()
    {
        var error = Fail("totem {\n  cluster_name: a{b\n}\n");

        Assert.Equal(2, error.LineNumber);
        Assert.Contains("mixes 'key: value' and '{'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Section_name_with_whitespace_is_rejected()
    {
        var error = Fail("my section {\n}\n");

        Assert.Equal(1, error.LineNumber);
        Assert.Contains("invalid section name 'my section'", error.Message, StringComparison.Ordinal);
    }
}
