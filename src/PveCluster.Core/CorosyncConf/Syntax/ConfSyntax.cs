namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// What may appear in keys, section names, values and comments so that the writer's output is
/// read back by corosync (and by <see cref="ConfParser"/>) as the same tree.
/// </summary>
internal static class ConfSyntax
{
    public static bool IsValidName(string name) =>
        name.Length > 0
        && !name.StartsWith('#')
        && !name.Any(c => char.IsWhiteSpace(c) || c is ':' or '{' or '}');

    public static void EnsureKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValidName(key))
        {
            throw new ArgumentException(
                $"'{key}' is not a valid corosync.conf key: it must be non-empty, must not start with '#' and must not contain "
                + "whitespace, ':', '{' or '}'.", nameof(key));
        }
    }

    public static void EnsureSectionName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid corosync.conf section name: it must be non-empty, must not start with '#' and must not "
                + "contain whitespace, ':', '{' or '}'.", nameof(name));
        }
    }

    /// <summary>
    /// Corosync treats any line containing '{' as a section header, so a value must never contain one.
    /// </summary>
    public static string NormalizeValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Contains('{', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The value '{value}' cannot be stored in corosync.conf: it contains '{{' or a line break.",
                nameof(value));
        }

        return value.Trim(' ', '\t');
    }

    public static void EnsureCommentText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Contains('\n', StringComparison.Ordinal) || text.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A corosync.conf comment must be a single line.", nameof(text));
        }

        if (text.Length > 0 && char.IsWhiteSpace(text[^1]))
        {
            throw new ArgumentException("A corosync.conf comment must not end with whitespace (it would not survive a round trip).",
                nameof(text));
        }
    }
}
