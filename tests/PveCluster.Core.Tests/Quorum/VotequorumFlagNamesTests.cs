using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.Quorum;

namespace PveCluster.Core.Tests.Quorum;

public class VotequorumFlagNamesTests
{
    [Fact]
    public void Bits_match_votequorum_h()
    {
        Assert.Equal(1u, (uint)VotequorumFlags.TwoNode);
        Assert.Equal(2u, (uint)VotequorumFlags.Quorate);
        Assert.Equal(64u, (uint)VotequorumFlags.QdeviceRegistered);
        Assert.Equal(512u, (uint)VotequorumFlags.QdeviceMasterWins);
    }

    [Fact]
    public void Describe_lists_every_name_lowest_bit_first()
    {
        Assert.Equal(
            ["2Node", "Quorate", "WaitForAll", "LastManStanding", "AutoTieBreaker", "AllowDownscale",
             "Qdevice", "QdeviceAlive", "QdeviceCastVote", "QdeviceMasterWins"],
            VotequorumFlagNames.Describe((VotequorumFlags)1023));
    }

    [Fact]
    public void Quorumtool_line_shows_only_node_wide_flags_each_followed_by_a_space()
    {
        var flags = VotequorumFlags.Quorate | VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceAlive;
        Assert.Equal("Quorate Qdevice ", VotequorumFlagNames.FormatQuorumtoolLine(flags));
        Assert.Equal(string.Empty, VotequorumFlagNames.FormatQuorumtoolLine(VotequorumFlags.None));
    }

    [Theory]
    [InlineData(VotequorumFlags.None, "NR")]
    [InlineData(VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceAlive | VotequorumFlags.QdeviceCastVote, "A,V,NMW")]
    [InlineData(VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceAlive, "A,NV,NMW")]
    [InlineData(VotequorumFlags.QdeviceRegistered | VotequorumFlags.QdeviceMasterWins, "NA,NV,MW")]
    public void Qdevice_state_uses_quorumtool_abbreviations(VotequorumFlags flags, string expected)
    {
        Assert.Equal(expected, VotequorumFlagNames.FormatQdeviceState(flags));
    }

    [Property]
    public Property Names_round_trip_for_every_flag_combination()
    {
        return Prop.ForAll(
            Gen.Choose(0, 1023).ToArbitrary(),
            bits => VotequorumFlagNames.Parse(VotequorumFlagNames.Describe((VotequorumFlags)bits)) == (VotequorumFlags)bits);
    }

    [Fact]
    public void Unknown_flag_name_is_rejected()
    {
        var ex = Assert.Throws<FormatException>(() => VotequorumFlagNames.Parse(["Quorate", "Bogus"]));
        Assert.Contains("Bogus", ex.Message, StringComparison.Ordinal);
    }

    [Property]
    public Property Ring_id_round_trips_through_its_hex_text()
    {
        return Prop.ForAll(
            ArbMap.Default.ArbFor<uint>(),
            ArbMap.Default.ArbFor<ulong>(),
            (node, seq) => RingId.Parse(new RingId(node, seq).ToString()) == new RingId(node, seq));
    }

    [Fact]
    public void Ring_id_prints_like_corosync()
    {
        Assert.Equal("1.9", new RingId(1, 9).ToString());
        Assert.Equal("3.d", new RingId(3, 13).ToString());
        Assert.Throws<FormatException>(() => RingId.Parse("1/8"));
    }
}
