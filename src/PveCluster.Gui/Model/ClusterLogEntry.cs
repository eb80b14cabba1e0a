using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>A row of GET /cluster/log: time, node, service tag, severity and message.</summary>
public sealed record ClusterLogEntry(DateTimeOffset Time, string Node, string Tag, int Priority, string Message)
{
    public static IReadOnlyList<ClusterLogEntry> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Select(e => new ClusterLogEntry(
                DateTimeOffset.FromUnixTimeSeconds(JsonRead.Number(e, "time") ?? 0),
                JsonRead.Text(e, "node") ?? "",
                JsonRead.Text(e, "tag") ?? "",
                (int)(JsonRead.Number(e, "pri") ?? 6),
                JsonRead.Text(e, "msg") ?? ""))
            .OrderByDescending(e => e.Time)];
}
