using System.Text.Json.Serialization;

namespace PveCluster.Api.Cluster;

/// <summary>One node of the <c>.members</c> nodelist.</summary>
public sealed record MembersNode(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("online")] int Online,
    [property: JsonPropertyName("ip")] string? Ip);
