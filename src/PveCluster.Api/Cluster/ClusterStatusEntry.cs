using System.Text.Json.Serialization;

namespace PveCluster.Api.Cluster;

/// <summary>One row of GET /cluster/status: either the cluster (<c>type: cluster</c>) or a node (<c>type: node</c>).</summary>
public sealed record ClusterStatusEntry
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("nodes")]
    public int? Nodes { get; init; }

    [JsonPropertyName("version")]
    public long? Version { get; init; }

    [JsonPropertyName("quorate")]
    public int? Quorate { get; init; }

    [JsonPropertyName("nodeid")]
    public long? NodeId { get; init; }

    [JsonPropertyName("ip")]
    public string? Ip { get; init; }

    [JsonPropertyName("local")]
    public int? Local { get; init; }

    [JsonPropertyName("online")]
    public int? Online { get; init; }

    /// <summary>Subscription level; always empty here, kept because the GUI reads it.</summary>
    [JsonPropertyName("level")]
    public string? Level { get; init; }
}
