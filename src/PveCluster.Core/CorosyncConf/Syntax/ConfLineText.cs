using PveCluster.Core.Text;

namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// The character rules of one corosync.conf line. corosync trims C <c>isspace</c> characters (space, tab,
/// CR, vertical tab, form feed) around lines, keys and values, and keeps every other byte; these
/// rules trim the same set and turn what corosync would silently keep but an admin cannot see
/// (control characters, a no-break space pasted at the end of a value) into a line-numbered error.
/// </summary>
internal static class ConfLineText
{
    private static readonly char[] CorosyncSpace = [' ', '\t', '\r', '\v', '\f'];

    public static string Trim(string text) => text.Trim(CorosyncSpace);

    /// <summary>Empty, or only whitespace of any kind (a line of no-break spaces is as blank to a reader as an empty one).</summary>
    public static bool IsBlank(string line) => line.All(char.IsWhiteSpace);

    /// <summary>Returns <paramref name="text"/> (a key, value, name or comment) when it holds no control character but tab.</summary>
    /// <exception cref="ConfParseException">It holds another control character.</exception>
    public static string EnsurePlainText(string text, int lineNumber)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && c != '\t')
            {
                var hint = c == '\r' ? " (a carriage return inside the line: save the file with LF or CRLF line endings)" : "";
                throw new ConfParseException(lineNumber, $"the line contains the control character {CharNames.Describe(c)}{hint}; corosync.conf must be plain text");
            }
        }

        return text;
    }

    /// <exception cref="ConfParseException">The value starts or ends with whitespace corosync would keep (a no-break space).</exception>
    public static void EnsureNoEdgeUnicodeSpace(string key, string value, int lineNumber)
    {
        if (value.Length == 0)
        {
            return;
        }

        var (edge, where) = char.IsWhiteSpace(value[^1]) ? (value[^1], "ends") : (value[0], "starts");
        if (char.IsWhiteSpace(edge))
        {
            throw new ConfParseException(lineNumber,
                $"the value of '{key}' {where} with {CharNames.Describe(edge)}, which corosync would keep as part of the value; delete it "
                + "(text pasted from a web page?)");
        }
    }
}
