using System.Text.Json;

namespace PveCluster.Integration.Tests.Pvecm;

// The JSON shapes of `pvecm ... --output-format json`, read as an outside consumer would
// (no reference to the Cli project): `required` makes a missing field a test failure.

public sealed record PvecmStatusDocument
{
    public required PvecmClusterDocument Cluster { get; init; }

    public required PvecmQuorumDocument Quorum { get; init; }
}

public sealed record PvecmClusterDocument
{
    public required string Name { get; init; }

    public required string ConfigVersion { get; init; }
}

public sealed record PvecmQuorumDocument
{
    public required int Nodes { get; init; }

    public required uint NodeId { get; init; }

    public required string RingId { get; init; }

    public required bool Quorate { get; init; }

    public required int ExpectedVotes { get; init; }

    public required int HighestExpected { get; init; }

    public required int TotalVotes { get; init; }

    public required int Quorum { get; init; }

    public required IReadOnlyList<string> Flags { get; init; }

    public required IReadOnlyList<PvecmMemberDocument> Members { get; init; }

    public override string ToString() =>
        $"node={NodeId} quorate={Quorate} nodes={Nodes} ring={RingId} expected={ExpectedVotes} total={TotalVotes} quorum={Quorum} " +
        $"flags={string.Join(',', Flags)} members={string.Join(',', Members.Select(m => m.NodeId))}";
}

public sealed record PvecmMemberDocument
{
    public required uint NodeId { get; init; }

    public required int Votes { get; init; }

    public string? Name { get; init; }

    public required string Address { get; init; }

    public required bool Local { get; init; }
}

public sealed record PvecmExpectedDocument
{
    public required int ExpectedVotes { get; init; }

    public required int Quorum { get; init; }

    public required bool Quorate { get; init; }
}

public static class PvecmJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T Parse<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("pvecm printed null");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"pvecm JSON does not have the documented shape ({e.Message}):\n{json}", e);
        }
    }
}
