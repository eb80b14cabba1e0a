using System.Globalization;

namespace PveCluster.Lab.Quorum;

/// <summary>
/// The quorum view of one node as printed by `corosync-quorumtool -s` (the reference tool;
/// the lab uses it for its own status display and tests compare pvecm against it).
/// </summary>
public sealed record QuorumToolStatus
{
    public required int NodeCount { get; init; }

    public required int LocalNodeId { get; init; }

    /// <summary>Ring id as printed, e.g. "1.d".</summary>
    public required string RingId { get; init; }

    public required bool Quorate { get; init; }

    public required int ExpectedVotes { get; init; }

    public required int HighestExpected { get; init; }

    public required int TotalVotes { get; init; }

    public required int Quorum { get; init; }

    /// <summary>Flags such as Quorate, 2Node, WaitForAll (empty when none).</summary>
    public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>The QDevice row (node id 0, name "Qdevice"; Votes = the votes it gives this partition now), or null.</summary>
    public QuorumMember? Qdevice { get; init; }

    public required IReadOnlyList<QuorumMember> Members { get; init; }

    /// <summary>One line, like `pvelab status` prints it.</summary>
    public override string ToString() =>
        $"node={LocalNodeId} quorate={(Quorate ? "Yes" : "No")} members={NodeCount} ring={RingId} expected={ExpectedVotes} " +
        $"total={TotalVotes} quorum={Quorum} flags={(Flags.Count == 0 ? "-" : string.Join(',', Flags))}";

    /// <summary>Parses the tool's text; throws <see cref="FormatException"/> naming the line at fault.</summary>
    public static QuorumToolStatus Parse(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var members = new List<QuorumMember>();
        QuorumMember? device = null;
        var inMembers = false;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd();
            if (line.TrimStart().StartsWith("Nodeid", StringComparison.Ordinal))
            {
                inMembers = true;
                continue;
            }
            if (inMembers)
            {
                if (line.Length > 0)
                {
                    var member = ParseMember(line, index + 1);
                    if (member.NodeId == 0)
                    {
                        device = member;
                    }
                    else
                    {
                        members.Add(member);
                    }
                }
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd(line[..colon].Trim(), line[(colon + 1)..].Trim());
            }
        }

        string Field(string name) =>
            fields.TryGetValue(name, out var value) ? value : throw new FormatException($"corosync-quorumtool output lacks '{name}:'");
        int Number(string name)
        {
            // "Quorum: 2 Activity blocked" carries a note after the number.
            var value = Field(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new FormatException($"corosync-quorumtool '{name}:' is not a number: '{Field(name)}'");
        }

        return new QuorumToolStatus
        {
            NodeCount = Number("Nodes"),
            LocalNodeId = Number("Node ID"),
            RingId = Field("Ring ID"),
            Quorate = string.Equals(Field("Quorate"), "Yes", StringComparison.Ordinal),
            ExpectedVotes = Number("Expected votes"),
            HighestExpected = Number("Highest expected"),
            TotalVotes = Number("Total votes"),
            Quorum = Number("Quorum"),
            Flags = Field("Flags").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Members = members,
            Qdevice = device,
        };
    }

    private static QuorumMember ParseMember(string line, int lineNumber)
    {
        // "         1          1 n1 (local)"
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var nodeId)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var votes))
        {
            throw new FormatException($"corosync-quorumtool line {lineNumber}: unexpected member row '{line.Trim()}'");
        }
        // With a qdevice a flags column ("A,V,NMW") sits between votes and name, so take the name from the end.
        // A device that votes for another partition ends in "(votes N)": the name stands before it.
        if (parts.Length >= 5 && parts[^2] == "(votes")
        {
            parts = parts[..^2];
        }
        var isLocal = parts[^1] == "(local)";
        var name = isLocal ? parts[^2] : parts[^1];
        return new QuorumMember(nodeId, votes, name, isLocal);
    }
}
