using System.Text.Json;

namespace PveCluster.Integration.Tests.Cfs;

/// <summary>What a node's /etc/pve/.members says: quorate flag and the online flag of every node in the nodelist.</summary>
public sealed record MembersView(string NodeName, bool Quorate, IReadOnlyDictionary<string, bool> Online)
{
    public IReadOnlyList<string> OnlineNodes => [.. Online.Where(n => n.Value).Select(n => n.Key).Order(StringComparer.Ordinal)];

    /// <summary>Null when the text is no JSON yet or has no cluster section (no corosync.conf in the tree).</summary>
    public static MembersView? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (!root.TryGetProperty("cluster", out var cluster) || !root.TryGetProperty("nodelist", out var nodelist))
            {
                return null;
            }
            var online = nodelist.EnumerateObject().ToDictionary(n => n.Name, n => n.Value.GetProperty("online").GetInt32() == 1);
            return new MembersView(root.GetProperty("nodename").GetString() ?? "", cluster.GetProperty("quorate").GetInt32() == 1, online);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public override string ToString() =>
        $"{NodeName}: quorate={Quorate}, online=[{string.Join(",", OnlineNodes)}] of [{string.Join(",", Online.Keys)}]";
}
