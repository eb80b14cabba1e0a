using System.Globalization;
using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>A corosync.conf nodelist entry (GET /cluster/config/nodes): name, id, votes and its link addresses.</summary>
public sealed record ConfigNode(string Name, long NodeId, long Votes, IReadOnlyDictionary<int, string> Links)
{
    public const int MaxLinks = 8;

    public static ConfigNode From(JsonObject entry)
    {
        var links = new SortedDictionary<int, string>();
        for (var number = 0; number < MaxLinks; number++)
        {
            var key = number.ToString(CultureInfo.InvariantCulture);
            if ((JsonRead.Text(entry, $"ring{key}_addr") ?? JsonRead.Text(entry, $"link{key}_addr")) is { } address)
            {
                links[number] = address;
            }
        }

        return new ConfigNode(
            JsonRead.Text(entry, "name") ?? JsonRead.Text(entry, "node") ?? "",
            JsonRead.Number(entry, "nodeid") ?? 0,
            JsonRead.Number(entry, "quorum_votes") ?? 1,
            links);
    }

    /// <summary>Rows sorted by node id, as Proxmox's grid shows them.</summary>
    public static IReadOnlyList<ConfigNode> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data).Select(From).OrderBy(n => n.NodeId)];

    /// <summary>The link columns to show: the links of the first row (every node carries the same set).</summary>
    public static IReadOnlyList<int> LinkColumns(IReadOnlyList<ConfigNode> nodes) =>
        nodes.Count == 0 ? [] : [.. nodes[0].Links.Keys];
}
