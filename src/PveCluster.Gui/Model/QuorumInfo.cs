using System.Text.Json.Nodes;
using PveCluster.Gui.Api;

namespace PveCluster.Gui.Model;

/// <summary>
/// votequorum's figures as the node serving the GUI sees its partition (GET /nodes/{node}/corosync/quorum):
/// the votes present, expected and needed, and what corosync.conf configures, so a <c>pvecm expected</c> override shows.
/// </summary>
public sealed record QuorumInfo(
    bool Quorate,
    long ExpectedVotes,
    long ConfigExpectedVotes,
    long TotalVotes,
    long Quorum,
    IReadOnlyList<string> Flags,
    QuorumDevice? Qdevice)
{
    /// <summary>The expected votes differ from the configuration: someone ran <c>pvecm expected</c>.</summary>
    public bool ExpectedOverridden => ExpectedVotes != ConfigExpectedVotes;

    /// <summary>Null for a standalone node (the server answers an empty object).</summary>
    public static QuorumInfo? From(JsonNode? data)
    {
        if (data is not JsonObject obj || JsonRead.Number(obj, "expected_votes") is not { } expected)
        {
            return null;
        }

        return new QuorumInfo(
            JsonRead.Flag(obj, "quorate"),
            expected,
            JsonRead.Number(obj, "config_expected_votes") ?? expected,
            JsonRead.Number(obj, "total_votes") ?? 0,
            JsonRead.Number(obj, "quorum") ?? 0,
            obj["flags"] is JsonArray flags ? [.. flags.Select(JsonRead.Scalar).OfType<string>()] : [],
            obj["qdevice"] is JsonObject device ? QuorumDevice.From(device) : null);
    }
}

/// <summary>The configured quorum device as votequorum sees it: registered by corosync-qdevice, alive, casting its vote.</summary>
public sealed record QuorumDevice(string? Name, long Votes, bool Registered, bool Alive, bool CastsVote)
{
    public static QuorumDevice From(JsonObject device) => new(
        JsonRead.Text(device, "name"),
        JsonRead.Number(device, "votes") ?? 0,
        JsonRead.Flag(device, "registered"),
        JsonRead.Flag(device, "alive"),
        JsonRead.Flag(device, "cast_vote"));

    /// <summary>One word for the state: voting, alive (not voting for this partition), not alive, not registered.</summary>
    public string State =>
        !Registered ? "not registered (corosync-qdevice not running)"
        : CastsVote ? "voting"
        : Alive ? "alive, not voting"
        : "not alive";
}
