using PveCluster.Core.Guests;

namespace PveCluster.Core.Tests.Guests;

public class MembersQuorumTests
{
    [Theory]
    [InlineData("""{"nodename":"n1","version":3}""", MembersQuorumState.NoCluster)]
    [InlineData("""{"nodename":"n1","version":5,"cluster":{"name":"c","version":2,"nodes":3,"quorate":1},"nodelist":{}}""", MembersQuorumState.Quorate)]
    [InlineData("""{"nodename":"n1","version":5,"cluster":{"name":"c","version":2,"nodes":3,"quorate":0},"nodelist":{}}""", MembersQuorumState.NotQuorate)]
    public void Reads_the_quorum_flag(string json, MembersQuorumState expected)
    {
        Assert.Equal(expected, MembersQuorum.Read(json));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("""{"cluster":{"name":"c"}}""")]
    [InlineData("""{"cluster":{"quorate":"yes"}}""")]
    public void Anything_else_is_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => MembersQuorum.Read(json));
    }
}
