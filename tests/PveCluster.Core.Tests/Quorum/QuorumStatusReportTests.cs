using PveCluster.Core.Quorum;
using PveCluster.Tests.Shared;

namespace PveCluster.Core.Tests.Quorum;

public class QuorumStatusReportTests
{
    private static readonly DateTimeOffset CaptureTime = new(2026, 11, 26, 6, 30, 9, TimeSpan.Zero);

    private static MemberStatus Node(uint id, string? name = null, VotequorumFlags flags = VotequorumFlags.None) =>
        new(id, 1, name ?? $"n{id}", $"198.18.0.{id}", flags);

    private static QuorumStatusSnapshot ThreeNodes() => new(
        CaptureTime, QuorumStatusSnapshot.VotequorumProvider, 1, new RingId(1, 9), true, 3, 3, 3, 2,
        VotequorumFlags.Quorate, null, [Node(1), Node(2), Node(3)]);

    private static QuorumStatusSnapshot TwoNodesWithQdevice(bool casting)
    {
        var memberFlags = VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceAlive
            | (casting ? VotequorumFlags.QdeviceCastVote : VotequorumFlags.None);
        return new QuorumStatusSnapshot(
            CaptureTime, QuorumStatusSnapshot.VotequorumProvider, 1, new RingId(1, 9), true, 3, 3, casting ? 3 : 2, 2,
            VotequorumFlags.Quorate | VotequorumFlags.QdeviceRegistered, new QdeviceStatus("Qdevice", 1),
            [Node(1, flags: memberFlags), Node(2, flags: memberFlags)]);
    }

    private static string WithDate(string capture, DateTimeOffset date) =>
        string.Join('\n', capture.Split('\n').Select(l => l.StartsWith("Date:", StringComparison.Ordinal)
            ? "Date:             " + QuorumStatusReport.FormatCtime(date)
            : l));

    [Fact]
    public void Three_node_status_matches_quorumtool_siH_capture()
    {
        var text = QuorumStatusReport.RenderQuorumtoolStatus(ThreeNodes(), NodeIdFormat.Hex, MemberNameFormat.Address);
        Assert.Equal(WithDate(QuorumtoolCaptures.ThreeNodeSiH, CaptureTime), text);
    }

    [Fact]
    public void Three_node_status_matches_quorumtool_s_capture_with_decimal_ids_and_names()
    {
        var text = QuorumStatusReport.RenderQuorumtoolStatus(ThreeNodes());
        Assert.Equal(WithDate(QuorumtoolCaptures.ThreeNodeS, CaptureTime), text);
    }

    [Fact]
    public void Node_list_matches_quorumtool_lH_capture()
    {
        Assert.Equal(QuorumtoolCaptures.ThreeNodeLH, QuorumStatusReport.RenderQuorumtoolNodes(ThreeNodes(), NodeIdFormat.Hex));
    }

    [Fact]
    public void Isolated_node_shows_activity_blocked_and_no_flags()
    {
        var snapshot = new QuorumStatusSnapshot(
            CaptureTime, QuorumStatusSnapshot.VotequorumProvider, 3, new RingId(3, 0xd), false, 3, 3, 1, 2,
            VotequorumFlags.None, null, [Node(3)]);
        var text = QuorumStatusReport.RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address);
        Assert.Equal(WithDate(QuorumtoolCaptures.IsolatedSiH, CaptureTime), text);
        Assert.Contains("Quorum:           2 Activity blocked\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_votes_override_capture_is_reproduced()
    {
        var snapshot = new QuorumStatusSnapshot(
            CaptureTime, QuorumStatusSnapshot.VotequorumProvider, 3, new RingId(3, 0xd), true, 1, 1, 1, 1,
            VotequorumFlags.Quorate, null, [Node(3)]);
        var text = QuorumStatusReport.RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address);
        Assert.Equal(WithDate(QuorumtoolCaptures.ExpectedOneSiH, CaptureTime), text);
    }

    [Fact]
    public void Two_node_flags_are_printed_in_quorumtool_order()
    {
        var snapshot = new QuorumStatusSnapshot(
            CaptureTime, QuorumStatusSnapshot.VotequorumProvider, 1, new RingId(1, 9), true, 2, 2, 2, 1,
            VotequorumFlags.WaitForAll | VotequorumFlags.Quorate | VotequorumFlags.TwoNode, null, [Node(1), Node(2)]);
        var text = QuorumStatusReport.RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address);
        Assert.Equal(WithDate(QuorumtoolCaptures.TwoNodeSiH, CaptureTime), text);
    }

    [Fact]
    public void Qdevice_column_and_row_match_the_captures()
    {
        var snapshot = TwoNodesWithQdevice(casting: true);
        Assert.Equal(
            WithDate(QuorumtoolCaptures.QdeviceSiH, CaptureTime),
            QuorumStatusReport.RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address));
        Assert.Equal(WithDate(QuorumtoolCaptures.QdeviceS, CaptureTime), QuorumStatusReport.RenderQuorumtoolStatus(snapshot));
        Assert.Equal(QuorumtoolCaptures.QdeviceL, QuorumStatusReport.RenderPvecmNodes(snapshot));
    }

    [Fact]
    public void Qdevice_that_does_not_vote_is_shown_with_zero_votes()
    {
        var snapshot = TwoNodesWithQdevice(casting: false);
        var text = QuorumStatusReport.RenderQuorumtoolStatus(snapshot, NodeIdFormat.Hex, MemberNameFormat.Address);
        Assert.Equal(WithDate(QuorumtoolCaptures.QdeviceDeadSiH, CaptureTime), text);
        Assert.EndsWith("0x00000000          0            Qdevice (votes 1)\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Pvecm_status_prepends_cluster_information_and_uses_hex_ids_and_addresses()
    {
        var text = QuorumStatusReport.RenderPvecmStatus(ThreeNodes(), new ClusterInfo("labcluster", "1", "knet", "on"));
        var expectedHeader = "Cluster information\n-------------------\nName:             labcluster\n" +
            "Config Version:   1\nTransport:        knet\nSecure auth:      on\n\n";
        Assert.Equal(expectedHeader + WithDate(QuorumtoolCaptures.ThreeNodeSiH, CaptureTime), text);
    }

    [Fact]
    public void Member_without_name_falls_back_to_its_address()
    {
        var snapshot = ThreeNodes() with { Members = [new MemberStatus(1, 1, null, "10.0.0.1")] };
        Assert.Contains("         1          1 10.0.0.1 (local)\n", QuorumStatusReport.RenderPvecmNodes(snapshot), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, "Fri Nov  6 07:08:09 2026")]
    [InlineData(26, "Thu Nov 26 07:08:09 2026")]
    public void Ctime_pads_the_day_with_a_space(int day, string expected)
    {
        Assert.Equal(expected, QuorumStatusReport.FormatCtime(new DateTimeOffset(2026, 11, day, 7, 8, 9, TimeSpan.Zero)));
    }

    [Fact]
    public void Json_round_trips_the_snapshot()
    {
        var snapshot = TwoNodesWithQdevice(casting: true);
        var json = QuorumStatusJson.Serialize(snapshot);
        Assert.Contains("\"ringId\": \"1.9\"", json, StringComparison.Ordinal);
        Assert.Contains("\"qdevice\": \"A,V,NMW\"", json, StringComparison.Ordinal);
        var back = QuorumStatusJson.Deserialize(json);
        Assert.Equal(QuorumStatusReport.RenderQuorumtoolStatus(snapshot), QuorumStatusReport.RenderQuorumtoolStatus(back));
        Assert.Equal(snapshot.Flags, back.Flags);
        Assert.Equal(snapshot.Members.Select(m => m.Flags), back.Members.Select(m => m.Flags));
    }

    [Fact]
    public void Json_with_bad_ring_id_is_rejected_clearly()
    {
        var json = QuorumStatusJson.Serialize(ThreeNodes()).Replace("\"1.9\"", "\"nope\"", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => QuorumStatusJson.Deserialize(json));
        Assert.Contains("ring id", ex.Message, StringComparison.Ordinal);
    }
}
