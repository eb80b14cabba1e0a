using System.Globalization;

namespace PveCluster.Lifecycle.Locking;

/// <summary>
/// Who holds a cluster lock, kept in the file <c>owner</c> inside the lock directory so a refused caller can
/// say whom it waited for. The token tells one holding apart from a later one by the same process.
/// </summary>
public sealed record ClusterLockHolder(string Node, int ProcessId, string Token)
{
    public const string FileName = "owner";

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"node={Node}\npid={ProcessId}\ntoken={Token}\n");

    /// <summary>The holder described by an owner file, or null when the text is not one (a foreign or half-written lock).</summary>
    public static ClusterLockHolder? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var fields = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        return fields.TryGetValue("node", out var node)
            && fields.TryGetValue("token", out var token)
            && fields.TryGetValue("pid", out var pidText)
            && int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            ? new ClusterLockHolder(node, pid, token)
            : null;
    }
}
