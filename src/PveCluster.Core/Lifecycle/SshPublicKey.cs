namespace PveCluster.Core.Lifecycle;

/// <summary>An OpenSSH public key: type, base64 blob and optional comment. Two keys are the same key when type and blob match.</summary>
public sealed record SshPublicKey(string Type, string Blob, string? Comment = null)
{
    /// <summary><c>type blob</c>, without the comment.</summary>
    public string KeyText => $"{Type} {Blob}";

    /// <summary>True when both are the same key, whatever the comments say.</summary>
    public bool SameKeyAs(SshPublicKey other) =>
        other is not null && string.Equals(Type, other.Type, StringComparison.Ordinal) && string.Equals(Blob, other.Blob, StringComparison.Ordinal);

    /// <summary>
    /// Parses the first key line of a <c>.pub</c> file (blank lines and comments before it are skipped).
    /// </summary>
    /// <exception cref="FormatException">No line holds a public key; the message names the offending line.</exception>
    public static SshPublicKey Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var fields = line.Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && IsKeyType(fields[0]) && IsBlob(fields[1]))
            {
                return new SshPublicKey(fields[0], fields[1], fields.Length == 3 ? fields[2].Trim() : null);
            }

            throw new FormatException($"line {i + 1}: expected 'TYPE BASE64 [COMMENT]' of an SSH public key, found '{Shorten(line)}'");
        }

        throw new FormatException("no SSH public key found (the text is empty or only has comments)");
    }

    /// <summary>Known OpenSSH key types: ssh-*, ecdsa-sha2-*, sk-* (security keys) and certificates.</summary>
    internal static bool IsKeyType(string token) =>
        token.StartsWith("ssh-", StringComparison.Ordinal)
        || token.StartsWith("ecdsa-sha2-", StringComparison.Ordinal)
        || token.StartsWith("sk-ssh-", StringComparison.Ordinal)
        || token.StartsWith("sk-ecdsa-sha2-", StringComparison.Ordinal);

    internal static bool IsBlob(string token)
    {
        if (token.Length < 16 || token.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[token.Length];
        return Convert.TryFromBase64String(token, buffer, out _);
    }

    private static string Shorten(string line) => line.Length <= 40 ? line : line[..40] + "...";
}
