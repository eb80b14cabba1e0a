namespace PveCluster.Core.Lifecycle;

/// <summary>
/// One line of authorized_keys or known_hosts split into its leading field (options or host patterns,
/// may be absent) and the key. Lines that hold no key (comments, garbage) have <see cref="Key"/> null.
/// </summary>
internal sealed record SshKeyLine(string Text, string? Lead, SshPublicKey? Key)
{
    /// <summary>
    /// authorized_keys: <c>[options] type blob [comment]</c>; options may contain quoted spaces.
    /// known_hosts: <c>patterns type blob [comment]</c>.
    /// </summary>
    public static SshKeyLine Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.StartsWith('#'))
        {
            return new SshKeyLine(text, null, null);
        }

        var (first, rest) = SplitField(trimmed);
        if (TryKey(first, rest, out var bare))
        {
            return new SshKeyLine(text, null, bare);
        }

        var (second, tail) = SplitField(rest);
        return TryKey(second, tail, out var key) ? new SshKeyLine(text, first, key) : new SshKeyLine(text, null, null);
    }

    private static bool TryKey(string type, string rest, out SshPublicKey? key)
    {
        key = null;
        if (!SshPublicKey.IsKeyType(type))
        {
            return false;
        }

        var (blob, comment) = SplitField(rest);
        if (!SshPublicKey.IsBlob(blob))
        {
            return false;
        }

        key = new SshPublicKey(type, blob, comment.Length == 0 ? null : comment);
        return true;
    }

    /// <summary>The first whitespace-separated field (double quotes keep spaces inside it) and the trimmed rest.</summary>
    private static (string Field, string Remainder) SplitField(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && (c == ' ' || c == '\t'))
            {
                return (text[..i], text[(i + 1)..].Trim());
            }
        }

        return (text, "");
    }
}
