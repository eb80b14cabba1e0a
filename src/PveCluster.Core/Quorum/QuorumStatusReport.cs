using System.Globalization;
using System.Text;

namespace PveCluster.Core.Quorum;

/// <summary>
/// Renders a <see cref="QuorumStatusSnapshot"/> byte-for-byte like corosync-quorumtool 3.1
/// (<c>-s</c>, <c>-l</c>, with <c>-H</c>/<c>-i</c>) and like <c>pvecm status</c> / <c>pvecm nodes</c>,
/// which print the "Cluster information" header and then the quorumtool output. The layout,
/// including trailing spaces after the quorum number and each flag, was checked against captures
/// from the lab (see the test fixtures).
/// </summary>
public static class QuorumStatusReport
{
    private const int ColumnWidth = 10;

    // corosync-quorumtool indents the qdevice name by this many spaces after the votes column.
    private const string QdeviceNameIndent = "           ";

    /// <summary>The output of <c>corosync-quorumtool -s</c> (plus <c>-H</c>/<c>-i</c> as chosen).</summary>
    public static string RenderQuorumtoolStatus(
        QuorumStatusSnapshot snapshot,
        NodeIdFormat nodeIdFormat = NodeIdFormat.Decimal,
        MemberNameFormat nameFormat = MemberNameFormat.Name)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        AppendQuorumSection(text, snapshot, nodeIdFormat);
        text.Append('\n');
        AppendVotequorumSection(text, snapshot);
        AppendMembership(text, snapshot, nodeIdFormat, nameFormat);
        return text.ToString();
    }

    /// <summary>The output of <c>corosync-quorumtool -l</c> (starts with an empty line, like the tool).</summary>
    public static string RenderQuorumtoolNodes(
        QuorumStatusSnapshot snapshot,
        NodeIdFormat nodeIdFormat = NodeIdFormat.Decimal,
        MemberNameFormat nameFormat = MemberNameFormat.Name)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = new StringBuilder();
        AppendMembership(text, snapshot, nodeIdFormat, nameFormat);
        return text.ToString();
    }

    /// <summary><c>pvecm status</c>: the cluster header, then <c>corosync-quorumtool -siH</c>.</summary>
    public static string RenderPvecmStatus(QuorumStatusSnapshot snapshot, ClusterInfo cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var text = new StringBuilder();
        AppendTitle(text, "Cluster information");
        AppendField(text, "Name:", cluster.Name);
        AppendField(text, "Config Version:", cluster.ConfigVersion);
        AppendField(text, "Transport:", cluster.Transport);
        AppendField(text, "Secure auth:", cluster.SecureAuth);
        text.Append('\n');
        text.Append(RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address));
        return text.ToString();
    }

    /// <summary><c>pvecm nodes</c>: the membership table of <c>corosync-quorumtool -l</c>.</summary>
    public static string RenderPvecmNodes(QuorumStatusSnapshot snapshot) =>
        RenderQuorumtoolNodes(snapshot, NodeIdFormat.Decimal, MemberNameFormat.Name);

    /// <summary>The C <c>ctime()</c> text without the newline, for example <c>Thu Nov  6 06:30:07 2026</c>.</summary>
    public static string FormatCtime(DateTimeOffset date)
    {
        var culture = CultureInfo.InvariantCulture;
        return string.Create(
            culture,
            $"{date.ToString("ddd", culture)} {date.ToString("MMM", culture)} {date.Day,2} {date:HH:mm:ss} {date.Year}");
    }

    /// <summary>A node id as corosync-quorumtool prints it in the given format (without padding).</summary>
    public static string FormatNodeId(uint nodeId, NodeIdFormat format) =>
        format == NodeIdFormat.Hex
            ? string.Create(CultureInfo.InvariantCulture, $"0x{nodeId:x8}")
            : nodeId.ToString(CultureInfo.InvariantCulture);

    private static void AppendQuorumSection(StringBuilder text, QuorumStatusSnapshot s, NodeIdFormat format)
    {
        AppendTitle(text, "Quorum information");
        AppendField(text, "Date:", FormatCtime(s.Date));
        AppendField(text, "Quorum provider:", s.QuorumProvider);
        AppendField(text, "Nodes:", Invariant(s.Members.Count));
        AppendField(text, "Node ID:", FormatNodeId(s.LocalNodeId, format));
        AppendField(text, "Ring ID:", s.RingId.ToString());
        AppendField(text, "Quorate:", s.IsQuorate ? "Yes" : "No");
    }

    private static void AppendVotequorumSection(StringBuilder text, QuorumStatusSnapshot s)
    {
        AppendTitle(text, "Votequorum information");
        AppendField(text, "Expected votes:", Invariant(s.ExpectedVotes));
        AppendField(text, "Highest expected:", Invariant(s.HighestExpected));
        AppendField(text, "Total votes:", Invariant(s.TotalVotes));

        // quorumtool prints "%d %s" with a single space as the quorate filler, hence two trailing spaces.
        AppendField(text, "Quorum:", Invariant(s.Quorum) + " " + (s.IsQuorate ? " " : "Activity blocked"));
        AppendField(text, "Flags:", VotequorumFlagNames.FormatQuorumtoolLine(s.Flags));
    }

    private static void AppendMembership(StringBuilder text, QuorumStatusSnapshot s, NodeIdFormat idFormat, MemberNameFormat nameFormat)
    {
        var showQdevice = s.ShowsQdevice;
        text.Append('\n');
        AppendTitle(text, "Membership information");
        AppendPadded(text, "Nodeid");
        AppendPadded(text, "Votes");
        if (showQdevice)
        {
            AppendPadded(text, "Qdevice");
        }

        text.Append("Name\n");
        foreach (var member in s.Members)
        {
            AppendNodeId(text, member.NodeId, idFormat);
            AppendPadded(text, Invariant(member.Votes));
            if (showQdevice)
            {
                AppendPadded(text, member.QdeviceState);
            }

            text.Append(nameFormat == MemberNameFormat.Name && !string.IsNullOrEmpty(member.Name) ? member.Name : member.Address);
            if (member.NodeId == s.LocalNodeId)
            {
                text.Append(" (local)");
            }

            text.Append('\n');
        }

        if (showQdevice)
        {
            AppendQdeviceRow(text, s, idFormat);
        }
    }

    private static void AppendQdeviceRow(StringBuilder text, QuorumStatusSnapshot s, NodeIdFormat idFormat)
    {
        var device = s.Qdevice ?? new QdeviceStatus("Qdevice", 0);
        var localFlags = s.LocalMember?.Flags ?? s.Flags;

        // A device that does not vote for us is shown with 0 votes so the table adds up.
        var casting = localFlags.HasFlag(VotequorumFlags.QdeviceCastVote);
        AppendNodeId(text, 0, idFormat);
        AppendPadded(text, Invariant(casting ? device.Votes : 0));
        text.Append(QdeviceNameIndent).Append(device.Name);
        if (!casting)
        {
            text.Append(" (votes ").Append(Invariant(device.Votes)).Append(')');
        }

        text.Append('\n');
    }

    private static void AppendNodeId(StringBuilder text, uint nodeId, NodeIdFormat format)
    {
        if (format == NodeIdFormat.Hex)
        {
            text.Append(FormatNodeId(nodeId, format)).Append(' ');
        }
        else
        {
            AppendPadded(text, FormatNodeId(nodeId, format));
        }
    }

    private static void AppendPadded(StringBuilder text, string value) =>
        text.Append(value.PadLeft(ColumnWidth)).Append(' ');

    private static void AppendTitle(StringBuilder text, string title) =>
        text.Append(title).Append('\n').Append('-', title.Length).Append('\n');

    // Values start in column 18, as in quorumtool's "Highest expected: " label.
    private static void AppendField(StringBuilder text, string label, string value) =>
        text.Append(label.PadRight(18)).Append(value).Append('\n');

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
