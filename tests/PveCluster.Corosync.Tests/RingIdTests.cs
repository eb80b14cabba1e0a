namespace PveCluster.Corosync.Tests;

public class RingIdTests
{
    [Fact]
    public void Prints_both_parts_in_hex_like_quorumtool() =>
        Assert.Equal("1.1a", new CorosyncRingId(1, 26).ToString());
}
