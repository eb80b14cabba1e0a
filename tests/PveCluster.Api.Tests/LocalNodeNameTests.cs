using PveCluster.Api.Hosting;

namespace PveCluster.Api.Tests;

public sealed class LocalNodeNameTests
{
    [Theory]
    [InlineData("pve1", "pve1")]
    [InlineData("pve1.example.test", "pve1")]
    [InlineData(".weird", ".weird")]
    public void Node_name_is_the_host_name_up_to_the_first_dot(string hostName, string expected)
    {
        Assert.Equal(expected, LocalNodeName.FromHostName(hostName));
    }
}
