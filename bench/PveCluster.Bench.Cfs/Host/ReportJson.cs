using System.Text.Json.Serialization;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Source-generated JSON for <c>--json</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchReport))]
[JsonSerializable(typeof(JoinReport))]
internal sealed partial class ReportJson : JsonSerializerContext;
