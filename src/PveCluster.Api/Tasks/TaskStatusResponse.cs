using System.Text.Json.Serialization;

namespace PveCluster.Api.Tasks;

/// <summary>GET /nodes/{node}/tasks/{upid}/status; <c>exitstatus</c> is <c>OK</c> or the error once stopped.</summary>
public sealed record TaskStatusResponse
{
    [JsonPropertyName("upid")]
    public required string Upid { get; init; }

    [JsonPropertyName("node")]
    public required string Node { get; init; }

    [JsonPropertyName("pid")]
    public int Pid { get; init; }

    [JsonPropertyName("pstart")]
    public ulong Pstart { get; init; }

    [JsonPropertyName("starttime")]
    public long StartTime { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("user")]
    public required string User { get; init; }

    /// <summary><c>running</c> or <c>stopped</c>.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("exitstatus")]
    public string? ExitStatus { get; init; }
}
