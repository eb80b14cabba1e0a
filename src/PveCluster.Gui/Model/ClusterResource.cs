using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>A node of GET /cluster/resources (<c>type: node</c>), as the resource tree shows it.</summary>
public sealed record NodeResource(string Name, bool Online)
{
    public static IReadOnlyList<NodeResource> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Where(e => JsonRead.Text(e, "type") == "node")
            .Select(e => new NodeResource(JsonRead.Text(e, "node") ?? "", JsonRead.Text(e, "status") == "online"))
            .OrderBy(n => n.Name, StringComparer.Ordinal)];
}
