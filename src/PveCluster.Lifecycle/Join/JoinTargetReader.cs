using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// Turns the peer's <c>GET /cluster/config/join</c> answer into what the join preflight checks against:
/// the cluster's link numbers (totem interfaces plus every <c>ringN_addr</c>), node names and addresses.
/// </summary>
public static class JoinTargetReader
{
    /// <exception cref="PeerApiException">The answer has no totem or nodelist.</exception>
    public static JoinTarget Read(JsonObject joinInfo, string peerAddress)
    {
        ArgumentNullException.ThrowIfNull(joinInfo);
        if (joinInfo["totem"] is not JsonObject totem || joinInfo["nodelist"] is not JsonArray nodelist)
        {
            throw new PeerApiException("the join information has no totem or nodelist: is the peer in a cluster?");
        }

        var links = new SortedSet<int>();
        if (totem["interface"] is JsonObject interfaces)
        {
            foreach (var (key, value) in interfaces)
            {
                var number = value?["linknumber"]?.ToString() ?? key;
                if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var link))
                {
                    links.Add(link);
                }
            }
        }

        var names = new List<string>();
        var addresses = new List<ClusterNodeAddress>();
        foreach (var node in nodelist.OfType<JsonObject>())
        {
            var name = node["name"]?.ToString() ?? node["node"]?.ToString() ?? "?";
            names.Add(name);
            foreach (var (key, value) in node)
            {
                if (TryLinkOfAddressKey(key, out var link) && value?.ToString() is { Length: > 0 } address)
                {
                    links.Add(link);
                    addresses.Add(new ClusterNodeAddress(name, link, address));
                }
            }
        }

        return new JoinTarget(totem["cluster_name"]?.ToString(), peerAddress, [.. links], addresses, names);
    }

    /// <summary><c>ringN_addr</c> (and the newer <c>linkN_addr</c> spelling some tools use).</summary>
    private static bool TryLinkOfAddressKey(string key, out int link)
    {
        link = -1;
        foreach (var prefix in new[] { "ring", "link" })
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith("_addr", StringComparison.Ordinal))
            {
                var digits = key[prefix.Length..^"_addr".Length];
                return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out link);
            }
        }

        return false;
    }
}
