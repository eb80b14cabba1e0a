using System.Text.Json.Serialization;

namespace PveCluster.Api.Cluster;

/// <summary>
/// The JSON of the <c>.members</c> file pmxcfs generates (Cfs.Views.MembersFile), as the API reads it: the local node name, and when clustered the cluster summary
/// and every configured node with its id, online flag and address.
/// </summary>
public sealed record MembersJson(
    [property: JsonPropertyName("nodename")] string? NodeName,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("cluster")] MembersCluster? Cluster,
    [property: JsonPropertyName("nodelist")] Dictionary<string, MembersNode>? Nodes);
