using PveCluster.Core.CorosyncConf;

namespace PveCluster.Core.Tests.CorosyncConf;

/// <summary>
/// Text an admin produces by accident (Windows line endings, text pasted from a web page, a stray
/// control character): it is read as corosync reads it, or refused with the parser's own line-numbered error.
/// </summary>
public class ConfOddTextTests
{
    private static ConfParseException Fail(string text) => Assert.Throws<ConfParseException>(() => ConfParser.Parse(text));

    [Fact]
    public void A_carriage_return_after_the_colon_is_whitespace_as_for_corosync()
    {
        // Found by the fuzzer: escaped as ArgumentException before.
        var root = ConfParser.Parse("totem {\n  tot:\ra\n}\n");

        Assert.Equal("a", root.GetSection("totem")!.GetValue("tot"));
    }

    [Fact]
    public void A_carriage_return_inside_a_value_is_a_line_numbered_error()
    {
        var error = Fail("totem {\n  version: 2\n  cluster_name: a\rb\n}\n");

        Assert.Equal(3, error.LineNumber);
        Assert.Contains("U+000D (carriage return)", error.Message, StringComparison.Ordinal);
        Assert.Contains("LF or CRLF line endings", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("totem {\n  cluster_name: a\0b\n}\n", 2, "U+0000 (NUL)")]
    [InlineData("totem {\n  cluster_\u0001name: ab\n}\n", 2, "U+0001")]
    [InlineData("# a\0 comment\ntotem {\n}\n", 1, "U+0000 (NUL)")]
    [InlineData("totem {\n  a: x\u0085y\n}\n", 2, "U+0085")]
    public void Control_characters_are_line_numbered_errors(string text, int line, string character)
    {
        var error = Fail(text);

        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"control character {character}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comment_ending_in_a_no_break_space_keeps_its_text()
    {
        // Found by the fuzzer: escaped as ArgumentException before (text pasted from a web page).
        var root = ConfParser.Parse("totem {\n  # keep this\u00A0\n  version: 2\n}\n# end\u00A0\u3000\n");

        Assert.Equal([" keep this"], root.GetSection("totem")!.FindLastValue("version")!.Comments);
        Assert.Equal([" end"], root.TrailingComments);
        Assert.True(root.SameContentAs(ConfParser.Parse(ConfWriter.Write(root))));
    }

    [Fact]
    public void A_line_of_no_break_spaces_is_blank()
    {
        var root = ConfParser.Parse("totem {\n\u00A0\u00A0\n  version: 2\n}\n");

        Assert.Equal("2", root.GetSection("totem")!.GetValue("version"));
    }

    [Fact]
    public void Crlf_files_with_trailing_spaces_and_form_feeds_read_like_lf_files()
    {
        var crlf = ConfParser.Parse("totem {  \r\n  version: 2 \t\r\n  cluster_name: prod\f\r\n}\r\n");
        var lf = ConfParser.Parse("totem {\n  version: 2\n  cluster_name: prod\n}\n");

        Assert.True(crlf.SameContentAs(lf));
    }

    [Theory]
    [InlineData("totem {\n  cluster_name: prod\u00A0\n}\n", "ends with U+00A0 (no-break space)")]
    [InlineData("totem {\n  cluster_name:\u00A0prod\n}\n", "starts with U+00A0 (no-break space)")]
    [InlineData("totem {\n  cluster_name: prod\u2003\r\n}\r\n", "ends with U+2003")]
    public void A_value_edged_with_a_unicode_space_is_refused_because_corosync_would_keep_it(string text, string detail)
    {
        var error = Fail(text);

        Assert.Equal(2, error.LineNumber);
        Assert.Contains($"the value of 'cluster_name' {detail}", error.Message, StringComparison.Ordinal);
        Assert.Contains("corosync would keep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_is_bounded_so_writing_and_reading_never_recurse_without_end()
    {
        var deepest = string.Concat(Enumerable.Repeat("a {\n", ConfParser.MaxDepth)) + string.Concat(Enumerable.Repeat("}\n", ConfParser.MaxDepth));
        var tooDeep = string.Concat(Enumerable.Repeat("a {\n", 100_000)) + string.Concat(Enumerable.Repeat("}\n", 100_000));

        Assert.True(ConfParser.Parse(deepest).SameContentAs(ConfParser.Parse(ConfWriter.Write(ConfParser.Parse(deepest)))));
        var error = Fail(tooDeep);
        Assert.Equal(ConfParser.MaxDepth + 1, error.LineNumber);
        Assert.Contains($"nest at most {ConfParser.MaxDepth} levels", error.Message, StringComparison.Ordinal);
    }
}
