using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>A row of GET /cluster/tasks: a task's node, type, id, user, times and status (an error text once failed).</summary>
public sealed record TaskEntry(string Upid, string Node, string Type, string? Id, string User, DateTimeOffset Start, DateTimeOffset? End, string? Status)
{
    public bool Running => End is null;

    public bool Failed => !Running && Status is { } s && s != "OK";

    public static IReadOnlyList<TaskEntry> ListFrom(JsonNode? data) =>
        [.. JsonRead.Objects(data)
            .Select(e => new TaskEntry(
                JsonRead.Text(e, "upid") ?? "",
                JsonRead.Text(e, "node") ?? "",
                JsonRead.Text(e, "type") ?? "",
                JsonRead.Text(e, "id"),
                JsonRead.Text(e, "user") ?? "",
                DateTimeOffset.FromUnixTimeSeconds(JsonRead.Number(e, "starttime") ?? 0),
                JsonRead.Number(e, "endtime") is { } end ? DateTimeOffset.FromUnixTimeSeconds(end) : null,
                JsonRead.Text(e, "status")))
            .OrderByDescending(t => t.Start)];
}
