using PveCluster.Lab.Quorum;

namespace PveCluster.Lab.Tests;

/// <summary>Parsing corosync-quorumtool -s text (the lab's reference view). No root needed.</summary>
public sealed class QuorumToolStatusTests
{
    private const string Isolated = """
        Quorum information
        ------------------
        Date:             Thu Nov 26 06:55:02 2026
        Quorum provider:  corosync_votequorum
        Nodes:            1
        Node ID:          3
        Ring ID:          3.11
        Quorate:          No

        Votequorum information
        ----------------------
        Expected votes:   3
        Highest expected: 3
        Total votes:      1
        Quorum:           2 Activity blocked
        Flags:            

        Membership information
        ----------------------
            Nodeid      Votes Name
                 3          1 n3 (local)
        """;

    private const string WithQdevice = """
        Nodes:            2
        Node ID:          1
        Ring ID:          1.9
        Quorate:          Yes
        Expected votes:   3
        Highest expected: 3
        Total votes:      3
        Quorum:           2  
        Flags:            Quorate Qdevice 
            Nodeid      Votes    Qdevice Name
                 1          1    A,V,NMW n1 (local)
                 2          1    A,V,NMW n2
                 0          1            Qdevice
        """;

    [Fact]
    public void An_isolated_node_parses_as_inquorate_with_its_own_member_only()
    {
        var status = QuorumToolStatus.Parse(Isolated);
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
        var status = QuorumToolStatus.Parse(WithQdevice);
        Assert.Equal(["Quorate", "Qdevice"], status.Flags);
        Assert.Equal(["n1", "n2"], status.Members.Select(m => m.Name));
        Assert.True(status.Members[0].IsLocal);
        Assert.Equal(new QuorumMember(0, 1, "Qdevice", IsLocal: false), status.Qdevice);
    }

    [Fact]
    public void A_qdevice_that_votes_elsewhere_shows_its_configured_votes_in_parentheses()
    {
        var lost = WithQdevice
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
        var broken = Isolated.Replace("         3          1 n3 (local)", "         x          1 n3", StringComparison.Ordinal);
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
