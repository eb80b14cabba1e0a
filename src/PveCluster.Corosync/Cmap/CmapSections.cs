using System.Globalization;
using System.Text.RegularExpressions;

namespace PveCluster.Corosync.Cmap;

/// <summary>Groups flat cmap keys into the records pvecm and pmxcfs use. Pure, so it is tested without corosync.</summary>
internal static partial class CmapSections
{
    public static TotemInfo ToTotem(IReadOnlyList<CmapEntry> entries)
    {
        var map = entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
        string? Str(string key) => map.TryGetValue(key, out var v) && v is not null ? Convert.ToString(v, CultureInfo.InvariantCulture) : null;
        return new TotemInfo(
            Str("totem.cluster_name"),
            map.TryGetValue("totem.config_version", out var version) ? CmapValues.AsUInt64(version) : null,
            Str("totem.transport"),
            Str("totem.secauth"),
            Str("totem.link_mode"),
            Str("totem.crypto_cipher"),
            Str("totem.crypto_hash"),
            Str("totem.ip_version"));
    }

    public static IReadOnlyList<CmapNodelistNode> ToNodelist(IReadOnlyList<CmapEntry> entries)
    {
        var nodes = new SortedDictionary<int, Dictionary<string, object?>>();
        foreach (var entry in entries)
        {
            var match = NodelistKey().Match(entry.Key);
            if (!match.Success)
            {
                continue;
            }

            var position = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            if (!nodes.TryGetValue(position, out var fields))
            {
                nodes[position] = fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            fields[match.Groups[2].Value] = entry.Value;
        }

        var result = new List<CmapNodelistNode>(nodes.Count);
        foreach (var (position, fields) in nodes)
        {
            if (!fields.TryGetValue("nodeid", out var id) || CmapValues.AsUInt64(id) is not { } nodeId)
            {
                continue; // corosync itself requires nodeid with knet; a block without one is unusable
            }

            var rings = new string?[8];
            var highest = -1;
            foreach (var (field, value) in fields)
            {
                var ring = RingAddressField().Match(field);
                if (ring.Success && value is string address)
                {
                    var link = int.Parse(ring.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
                    if (link < rings.Length)
                    {
                        rings[link] = address;
                        highest = Math.Max(highest, link);
                    }
                }
            }

            var votes = fields.TryGetValue("quorum_votes", out var v) ? CmapValues.AsUInt64(v) ?? 1 : 1;
            result.Add(new CmapNodelistNode(
                position, (uint)nodeId, fields.GetValueOrDefault("name") as string, (uint)votes, rings[..(highest + 1)]));
        }

        return result;
    }

    public static IReadOnlyList<RuntimeMember> ToRuntimeMembers(IReadOnlyList<CmapEntry> entries)
    {
        var members = new SortedDictionary<uint, Dictionary<string, object?>>();
        foreach (var entry in entries)
        {
            var match = RuntimeMemberKey().Match(entry.Key);
            if (!match.Success)
            {
                continue;
            }

            var nodeId = uint.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
            if (!members.TryGetValue(nodeId, out var fields))
            {
                members[nodeId] = fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            fields[match.Groups[2].Value] = entry.Value;
        }

        return [.. members.Select(m => new RuntimeMember(
            m.Key,
            m.Value.GetValueOrDefault("status") as string,
            (m.Value.GetValueOrDefault("ip") as string)?.Trim(),
            (uint)(CmapValues.AsUInt64(m.Value.GetValueOrDefault("join_count")) ?? 0),
            CmapValues.AsUInt64(m.Value.GetValueOrDefault("config_version"))))];
    }

    public static IReadOnlyList<KnetLinkStats> ToKnetLinks(IReadOnlyList<CmapEntry> entries)
    {
        var links = new SortedDictionary<(uint Node, int Link), Dictionary<string, object?>>();
        foreach (var entry in entries)
        {
            var match = KnetLinkKey().Match(entry.Key);
            if (!match.Success)
            {
                continue;
            }

            var key = (uint.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture));
            if (!links.TryGetValue(key, out var fields))
            {
                links[key] = fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            }

            fields[match.Groups[3].Value] = entry.Value;
        }

        return [.. links.Select(l => new KnetLinkStats(
            l.Key.Node,
            l.Key.Link,
            CmapValues.AsUInt64(l.Value.GetValueOrDefault("enabled")) is > 0,
            CmapValues.AsUInt64(l.Value.GetValueOrDefault("connected")) is > 0,
            (uint?)CmapValues.AsUInt64(l.Value.GetValueOrDefault("mtu")),
            (uint?)CmapValues.AsUInt64(l.Value.GetValueOrDefault("latency_ave"))))];
    }

    [GeneratedRegex(@"^nodelist\.node\.(\d+)\.([a-z0-9_]+)$")]
    private static partial Regex NodelistKey();

    [GeneratedRegex(@"^ring(\d+)_addr$")]
    private static partial Regex RingAddressField();

    [GeneratedRegex(@"^runtime\.members\.(\d+)\.([a-z0-9_]+)$")]
    private static partial Regex RuntimeMemberKey();

    [GeneratedRegex(@"^stats\.knet\.node(\d+)\.link(\d+)\.([a-z0-9_]+)$")]
    private static partial Regex KnetLinkKey();
}
