using System.Security.Cryptography;
using System.Text;

namespace PveCluster.Core.Lifecycle;

/// <summary>
/// Pure text functions for the cluster-wide SSH files <c>/etc/pve/priv/authorized_keys</c> and
/// <c>/etc/pve/priv/known_hosts</c>, used by create, join and updatecerts. Blank lines are dropped;
/// comments and lines that are not understood are kept in place. Output ends with a newline unless empty.
/// </summary>
public static class SshKeyMerge
{
    /// <summary>
    /// Concatenates authorized_keys contents in order, keeping only the first line of each key
    /// (same type and blob, whatever the comment or options). Other lines are kept once each, so
    /// merging the same files again (every join and updatecerts does) never makes the file grow.
    /// </summary>
    public static string MergeAuthorizedKeys(params IEnumerable<string?> contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new List<string>();
        foreach (var line in contents.SelectMany(Lines))
        {
            var parsed = SshKeyLine.Parse(line);
            if (seen.Add(parsed.Key is { } key ? key.KeyText : "\n" + line.Trim()))
            {
                output.Add(line);
            }
        }

        return Join(output);
    }

    /// <summary>Removes every key whose comment is <paramref name="comment"/> (for example <c>root@hp4</c> of a removed node).</summary>
    public static string RemoveAuthorizedKeysByComment(string? content, string comment)
    {
        ArgumentException.ThrowIfNullOrEmpty(comment);
        return Join(Lines(content).Where(l => SshKeyLine.Parse(l).Key?.Comment is not { } c || !string.Equals(c, comment, StringComparison.Ordinal)));
    }

    /// <summary>
    /// Makes known_hosts name <paramref name="nodeName"/> and <paramref name="ipAddress"/> with exactly
    /// <paramref name="hostPublicKey"/> (the content of the node's <c>ssh_host_*_key.pub</c>): entries for
    /// that name or IP with any other key are stale (a reinstalled node) and are removed, also hashed
    /// ones; a missing entry is appended. Other hosts' entries and @cert-authority/@revoked lines stay.
    /// </summary>
    /// <exception cref="FormatException"><paramref name="hostPublicKey"/> holds no public key.</exception>
    public static string UpdateKnownHosts(string? content, string nodeName, string ipAddress, string hostPublicKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeName);
        ArgumentException.ThrowIfNullOrEmpty(ipAddress);
        var key = SshPublicKey.Parse(hostPublicKey);
        string[] hosts = [nodeName.ToLowerInvariant(), ipAddress.ToLowerInvariant()];
        var present = new HashSet<string>(StringComparer.Ordinal);
        var output = new List<string>();
        foreach (var line in Lines(content))
        {
            var parsed = SshKeyLine.Parse(line);
            if (parsed is not { Lead: { } patterns, Key: { } entryKey } || patterns.StartsWith('@'))
            {
                output.Add(line);
                continue;
            }

            var matched = hosts.Where(h => Matches(patterns, h)).ToList();
            if (matched.Count == 0)
            {
                output.Add(line);
            }
            else if (entryKey.SameKeyAs(key))
            {
                // A second identical entry adds nothing.
                if (matched.Any(present.Add))
                {
                    output.Add(line);
                }
            }
            else if (WithoutHosts(patterns, matched) is { } remaining)
            {
                output.Add($"{remaining} {entryKey.KeyText}{(entryKey.Comment is { } c ? " " + c : "")}");
            }
        }

        output.AddRange(hosts.Where(h => !present.Contains(h)).Distinct(StringComparer.Ordinal).Select(h => $"{h} {key.KeyText}"));
        return Join(output);
    }

    /// <summary>Removes all entries for the given host names or IPs (for example after <c>pvecm delnode</c>).</summary>
    public static string RemoveKnownHosts(string? content, params IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var targets = hosts.Select(h => h.ToLowerInvariant()).ToList();
        var output = new List<string>();
        foreach (var line in Lines(content))
        {
            var parsed = SshKeyLine.Parse(line);
            if (parsed is not { Lead: { } patterns, Key: { } key } || patterns.StartsWith('@'))
            {
                output.Add(line);
                continue;
            }

            var matched = targets.Where(h => Matches(patterns, h)).ToList();
            if (matched.Count == 0)
            {
                output.Add(line);
            }
            else if (WithoutHosts(patterns, matched) is { } remaining)
            {
                output.Add($"{remaining} {key.KeyText}{(key.Comment is { } c ? " " + c : "")}");
            }
        }

        return Join(output);
    }

    /// <summary>True when the pattern list names <paramref name="host"/> (plain, <c>[host]:22</c>, or hashed <c>|1|salt|hash</c>).</summary>
    private static bool Matches(string patterns, string host) =>
        patterns.Split(',').Any(p => MatchesOne(p, host));

    private static bool MatchesOne(string pattern, string host)
    {
        if (pattern.StartsWith("|1|", StringComparison.Ordinal))
        {
            return MatchesHashed(pattern, host);
        }

        return string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)
            || string.Equals(pattern, $"[{host}]:22", StringComparison.OrdinalIgnoreCase);
    }

    private static bool MatchesHashed(string pattern, string host)
    {
        var parts = pattern.Split('|');
        if (parts.Length != 4)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            // OpenSSH's HashKnownHosts format is defined as HMAC-SHA1; we only read it, never protect data with it.
#pragma warning disable CA5350
            var actual = HMACSHA1.HashData(salt, Encoding.UTF8.GetBytes(host));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The pattern list without the given hosts, or null when nothing is left (hashed entries name one host).</summary>
    private static string? WithoutHosts(string patterns, IReadOnlyList<string> hosts)
    {
        var remaining = patterns.Split(',').Where(p => !hosts.Any(h => MatchesOne(p, h))).ToList();
        return remaining.Count == 0 ? null : string.Join(',', remaining);
    }

    private static IEnumerable<string> Lines(string? content) =>
        (content ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n').Where(l => l.Trim().Length > 0);

    private static string Join(IEnumerable<string> lines)
    {
        var text = string.Join('\n', lines);
        return text.Length == 0 ? "" : text + "\n";
    }
}
