using System.Text.Json;
using System.Text.Json.Serialization;

namespace PveCluster.Core.Quorum;

/// <summary>The JSON form of a quorum status (stable, camelCase property names).</summary>
public sealed record QuorumStatusDocument(
    DateTimeOffset Date,
    string QuorumProvider,
    int Nodes,
    uint NodeId,
    string RingId,
    bool Quorate,
    int ExpectedVotes,
    int HighestExpected,
    int TotalVotes,
    int Quorum,
    IReadOnlyList<string> Flags,
    QdeviceDocument? Qdevice,
    IReadOnlyList<MemberDocument> Members);

/// <summary>The quorum device in <see cref="QuorumStatusDocument"/>.</summary>
public sealed record QdeviceDocument(string Name, int Votes);

/// <summary>One member in <see cref="QuorumStatusDocument"/>.</summary>
public sealed record MemberDocument(uint NodeId, int Votes, string? Name, string Address, bool Local, string? Qdevice, IReadOnlyList<string> Flags);

/// <summary>Source-generated serializer metadata, so the JSON form works under trimming and Native AOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true)]
[JsonSerializable(typeof(QuorumStatusDocument))]
public sealed partial class QuorumJsonContext : JsonSerializerContext;

/// <summary>Converts snapshots to and from their JSON form.</summary>
public static class QuorumStatusJson
{
    /// <summary>The document for <paramref name="snapshot"/>.</summary>
    public static QuorumStatusDocument ToDocument(QuorumStatusSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var showQdevice = snapshot.ShowsQdevice;
        return new QuorumStatusDocument(
            snapshot.Date,
            snapshot.QuorumProvider,
            snapshot.Members.Count,
            snapshot.LocalNodeId,
            snapshot.RingId.ToString(),
            snapshot.IsQuorate,
            snapshot.ExpectedVotes,
            snapshot.HighestExpected,
            snapshot.TotalVotes,
            snapshot.Quorum,
            VotequorumFlagNames.Describe(snapshot.Flags),
            snapshot.Qdevice is { } q ? new QdeviceDocument(q.Name, q.Votes) : null,
            [.. snapshot.Members.Select(m => new MemberDocument(
                m.NodeId,
                m.Votes,
                m.Name,
                m.Address,
                m.NodeId == snapshot.LocalNodeId,
                showQdevice ? m.QdeviceState : null,
                VotequorumFlagNames.Describe(m.Flags)))]);
    }

    /// <summary>Rebuilds a snapshot from its document.</summary>
    /// <exception cref="FormatException">The ring id or a flag name is invalid.</exception>
    public static QuorumStatusSnapshot FromDocument(QuorumStatusDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new QuorumStatusSnapshot(
            document.Date,
            document.QuorumProvider,
            document.NodeId,
            RingId.Parse(document.RingId),
            document.Quorate,
            document.ExpectedVotes,
            document.HighestExpected,
            document.TotalVotes,
            document.Quorum,
            VotequorumFlagNames.Parse(document.Flags),
            document.Qdevice is { } q ? new QdeviceStatus(q.Name, q.Votes) : null,
            [.. document.Members.Select(m => new MemberStatus(m.NodeId, m.Votes, m.Name, m.Address, VotequorumFlagNames.Parse(m.Flags)))]);
    }

    /// <summary>Serializes <paramref name="snapshot"/> to indented JSON.</summary>
    public static string Serialize(QuorumStatusSnapshot snapshot) =>
        JsonSerializer.Serialize(ToDocument(snapshot), QuorumJsonContext.Default.QuorumStatusDocument);

    /// <summary>Parses JSON produced by <see cref="Serialize"/>.</summary>
    /// <exception cref="FormatException">The JSON is malformed or incomplete.</exception>
    public static QuorumStatusSnapshot Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        QuorumStatusDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, QuorumJsonContext.Default.QuorumStatusDocument);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"invalid quorum status JSON: {ex.Message}", ex);
        }

        return FromDocument(document ?? throw new FormatException("invalid quorum status JSON: null document"));
    }
}
