using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using PveCluster.Api.Cluster;
using PveCluster.Api.Endpoints;
using PveCluster.Api.Network;
using PveCluster.Api.Tasks;

namespace PveCluster.Api.Envelope;

/// <summary>Source-generated JSON for every type the API reads or writes (no reflection at run time).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = false)]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(MembersJson))]
[JsonSerializable(typeof(List<ClusterStatusEntry>))]
[JsonSerializable(typeof(List<NetworkInterfaceEntry>))]
[JsonSerializable(typeof(TaskStatusResponse))]
[JsonSerializable(typeof(List<TaskLogLine>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
