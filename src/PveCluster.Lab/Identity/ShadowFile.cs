namespace PveCluster.Lab.Identity;

/// <summary>Edits shadow(5) text: replaces one user's password hash and keeps every other line as it is.</summary>
public static class ShadowFile
{
    /// <summary>
    /// Returns <paramref name="content"/> with <paramref name="user"/>'s hash set to <paramref name="hash"/>
    /// and the "last change" field left alone; throws <see cref="LabException"/> (with the line number)
    /// for a malformed line of that user, or when the user has no line at all.
    /// </summary>
    public static string WithPassword(string content, string user, string hash)
    {
        if (hash.Contains(':', StringComparison.Ordinal) || hash.Any(char.IsControl))
        {
            throw new LabException("a password hash cannot contain ':' or control characters");
        }
        var lines = content.Split('\n');
        var found = false;
        for (var index = 0; index < lines.Length; index++)
        {
            var fields = lines[index].Split(':');
            if (!string.Equals(fields[0], user, StringComparison.Ordinal))
            {
                continue;
            }
            if (fields.Length < 2)
            {
                throw new LabException($"shadow line {index + 1}: '{user}' has no password field");
            }
            fields[1] = hash;
            lines[index] = string.Join(':', fields);
            found = true;
        }
        return found ? string.Join('\n', lines) : throw new LabException($"shadow file has no line for user '{user}'");
    }
}
