namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// Reads corosync.conf text into a <see cref="ConfSection"/> tree. Follows corosync's own line rules
/// (a line containing '{' opens a section, then 'key: value', then '}') but rejects the sloppy
/// forms corosync silently ignores, so an admin's typo is reported instead of lost.
/// </summary>
public static class ConfParser
{
    /// <summary>
    /// Deepest section nesting read. Real files nest 3 levels (quorum.device.net); the writer, the
    /// typed views and corosync's own parser recurse per level, so an absurd depth must stop here.
    /// </summary>
    public const int MaxDepth = 32;

    /// <exception cref="ConfParseException">The text is not valid corosync.conf syntax.</exception>
    public static ConfSection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var root = ConfSection.CreateRoot();
        var open = new Stack<ConfSection>();
        open.Push(root);
        var pendingComments = new List<string>();
        var lines = text.Split('\n');

        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = ConfLineText.Trim(lines[index]);
            if (ConfLineText.IsBlank(line))
            {
                continue;
            }

            if (line[0] == '#')
            {
                // A comment means nothing to corosync, so whitespace pasted after it (a no-break space) is dropped.
                pendingComments.Add(ConfLineText.EnsurePlainText(line[1..].TrimEnd(), lineNumber));
                continue;
            }

            ConfItem item;
            if (line.Contains('{', StringComparison.Ordinal))
            {
                var section = ParseSectionHeader(line, lineNumber);
                if (open.Count > MaxDepth)
                {
                    throw new ConfParseException(lineNumber,
                        $"section '{section.Name}' is nested {open.Count} levels deep; corosync.conf sections nest at most {MaxDepth} levels");
                }

                open.Peek().Items.Add(section);
                open.Push(section);
                item = section;
            }
            else if (line.Contains(':', StringComparison.Ordinal))
            {
                item = ParseValue(line, lineNumber);
                open.Peek().Items.Add(item);
            }
            else if (line[0] == '}')
            {
                CloseSection(open, line, lineNumber, pendingComments);
                continue;
            }
            else
            {
                throw new ConfParseException(lineNumber,
                    $"expected 'key: value', 'name {{' or '}}' but found '{line}' (missing ':'?)");
            }

            foreach (var comment in pendingComments)
            {
                item.AddComment(comment);
            }

            pendingComments.Clear();
        }

        if (open.Count > 1)
        {
            var unclosed = open.Peek();
            var lastLine = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
            throw new ConfParseException(lastLine,
                $"missing '}}' at end of file: section '{unclosed.Name}' opened at line {unclosed.Line} is never closed");
        }

        foreach (var comment in pendingComments)
        {
            root.AddTrailingComment(comment);
        }

        return root;
    }

    private static ConfSection ParseSectionHeader(string line, int lineNumber)
    {
        var brace = line.IndexOf('{', StringComparison.Ordinal);
        var name = ConfLineText.EnsurePlainText(ConfLineText.Trim(line[..brace]), lineNumber);
        var rest = ConfLineText.EnsurePlainText(ConfLineText.Trim(line[(brace + 1)..]), lineNumber);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ConfParseException(lineNumber,
                $"'{line}' mixes 'key: value' and '{{': a value must not contain '{{', a section header is 'name {{'");
        }

        if (rest.Length > 0)
        {
            throw new ConfParseException(lineNumber,
                $"unexpected text '{rest}' after '{{': put each key and each '}}' on its own line");
        }

        if (name.Length == 0)
        {
            throw new ConfParseException(lineNumber, "section without a name: expected 'name {'");
        }

        if (!ConfSyntax.IsValidName(name))
        {
            throw new ConfParseException(lineNumber,
                $"invalid section name '{name}': it must not contain whitespace, '}}' or start with '#'");
        }

        return new ConfSection(name, lineNumber);
    }

    private static ConfValue ParseValue(string line, int lineNumber)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        var key = ConfLineText.EnsurePlainText(ConfLineText.Trim(line[..colon]), lineNumber);
        var value = ConfLineText.EnsurePlainText(ConfLineText.Trim(line[(colon + 1)..]), lineNumber);
        if (key.Length == 0)
        {
            throw new ConfParseException(lineNumber, $"empty key before ':' in '{line}'");
        }

        if (!ConfSyntax.IsValidName(key))
        {
            throw new ConfParseException(lineNumber, $"invalid key '{key}': a key must not contain whitespace, '{{' or '}}'");
        }

        ConfLineText.EnsureNoEdgeUnicodeSpace(key, value, lineNumber);

        return new ConfValue(key, value, lineNumber);
    }

    private static void CloseSection(Stack<ConfSection> open, string line, int lineNumber, List<string> pendingComments)
    {
        if (line.Length > 1)
        {
            throw new ConfParseException(lineNumber, $"unexpected text '{ConfLineText.Trim(line[1..])}' after '}}'");
        }

        if (open.Count == 1)
        {
            throw new ConfParseException(lineNumber, "unexpected '}': no section is open here");
        }

        var closed = open.Pop();
        closed.EndLine = lineNumber;
        foreach (var comment in pendingComments)
        {
            closed.AddTrailingComment(comment);
        }

        pendingComments.Clear();
    }
}
