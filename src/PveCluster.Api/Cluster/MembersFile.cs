using System.Text.Json.Serialization;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The <c>.members</c> file pmxcfs generates: the local node name, and when clustered the cluster summary
/// and every configured node with its id, online flag and address.
/// </summary>
public sealed record MembersFile(
    [property: JsonPropertyName("nodename")] string? NodeName,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("cluster")] MembersCluster? Cluster,
    [property: JsonPropertyName("nodelist")] Dictionary<string, MembersNode>? Nodes);
