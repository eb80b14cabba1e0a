using System.Text.Json.Serialization;

namespace PveCluster.Api.Cluster;

/// <summary>The <c>cluster</c> object of <c>.members</c>.</summary>
public sealed record MembersCluster(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("nodes")] int Nodes,
    [property: JsonPropertyName("quorate")] int Quorate);
