using PveCluster.Lab.Quorum;
using PveCluster.Tests.Shared;

namespace PveCluster.Lab.Tests;

/// <summary>Parsing corosync-quorumtool -s text (the lab's reference view), on the captures Core's tests use too. No root needed.</summary>
public sealed class QuorumToolStatusTests
{
    [Fact]
    public void An_isolated_node_parses_as_inquorate_with_its_own_member_only()
    {
        var status = QuorumToolStatus.Parse(QuorumtoolCaptures.IsolatedS);
        Assert.False(status.Quorate);
        Assert.Equal(1, status.NodeCount);
        Assert.Equal(3, status.LocalNodeId);
        Assert.Equal("3.11", status.RingId);
        Assert.Equal(2, status.Quorum);
        Assert.Equal(1, status.TotalVotes);
        Assert.Empty(status.Flags);
        Assert.Equal(new QuorumMember(3, 1, "n3", IsLocal: true), Assert.Single(status.Members));
    }

    [Fact]
    public void Qdevice_columns_do_not_end_up_in_member_names()
    {
        var status = QuorumToolStatus.Parse(QuorumtoolCaptures.QdeviceS);
        Assert.Equal(["Quorate", "Qdevice"], status.Flags);
        Assert.Equal(["n1", "n2"], status.Members.Select(m => m.Name));
        Assert.True(status.Members[0].IsLocal);
        Assert.Equal(new QuorumMember(0, 1, "Qdevice", IsLocal: false), status.Qdevice);
    }

    [Fact]
    public void A_qdevice_that_votes_elsewhere_shows_its_configured_votes_in_parentheses()
    {
        var lost = QuorumtoolCaptures.QdeviceS
            .Replace("Total votes:      3", "Total votes:      2", StringComparison.Ordinal)
            .Replace("A,V,NMW", "A,NV,NMW", StringComparison.Ordinal)
            .Replace("         0          1            Qdevice", "         0          0            Qdevice (votes 1)", StringComparison.Ordinal);
        var status = QuorumToolStatus.Parse(lost);
        Assert.Equal(2, status.Members.Count);
        Assert.Equal(new QuorumMember(0, 0, "Qdevice", IsLocal: false), status.Qdevice);
    }

    [Fact]
    public void A_broken_member_row_is_reported_with_its_line_number()
    {
        var broken = QuorumtoolCaptures.IsolatedS.Replace("         3          1 n3 (local)", "         x          1 n3", StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => QuorumToolStatus.Parse(broken));
        Assert.Contains("line 21", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var error = Assert.Throws<FormatException>(() => QuorumToolStatus.Parse("Nodes: 3\n"));
        Assert.Contains("'Node ID:'", error.Message, StringComparison.Ordinal);
    }
}
