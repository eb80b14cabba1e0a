using System.Text.Json;
using System.Text.Json.Serialization;
using PveCluster.Core.Quorum;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Cli.Output;

/// <summary><c>pvecm status --output-format json</c>: the cluster header plus the quorum document.</summary>
internal sealed record StatusDocument(ClusterInfo Cluster, QuorumStatusDocument Quorum);

/// <summary><c>pvecm expected --output-format json</c>.</summary>
internal sealed record ExpectedDocument(int ExpectedVotes, int Quorum, bool Quorate, string? Warning);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(IReadOnlyList<MemberDocument>))]
[JsonSerializable(typeof(ExpectedDocument))]
internal sealed partial class PvecmJsonContext : JsonSerializerContext;

/// <summary>JSON renderings of pvecm's answers (source-generated, AOT-safe).</summary>
internal static class PvecmJson
{
    public static string Status(ClusterStatus status) => JsonSerializer.Serialize(
        new StatusDocument(status.Cluster, QuorumStatusJson.ToDocument(status.Quorum)), PvecmJsonContext.Default.StatusDocument);

    public static string Nodes(ClusterStatus status) => JsonSerializer.Serialize(
        QuorumStatusJson.ToDocument(status.Quorum).Members, PvecmJsonContext.Default.IReadOnlyListMemberDocument);

    public static string Expected(ExpectedVotesPlan plan) => JsonSerializer.Serialize(
        new ExpectedDocument(plan.ExpectedVotes, plan.Quorum, plan.WillBeQuorate, plan.Warning), PvecmJsonContext.Default.ExpectedDocument);
}
