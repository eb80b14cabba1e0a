using System.Text.Json.Serialization;

namespace PveCluster.Api.Tasks;

/// <summary>One line of GET /nodes/{node}/tasks/{upid}/log: 1-based number and text.</summary>
public sealed record TaskLogLine([property: JsonPropertyName("n")] int N, [property: JsonPropertyName("t")] string T);
