using System.Net;
using PveCluster.Corosync.Cfg;

namespace PveCluster.Corosync.Tests.Cfg;

public class SockaddrTests
{
    [Fact]
    public void Parses_sockaddr_in()
    {
        var raw = new byte[28];
        raw[0] = 2; // AF_INET, host order
        raw[2] = 0x15; // port 5405, network order
        raw[3] = 0x1d;
        new byte[] { 198, 18, 0, 3 }.CopyTo(raw, 4);

        Assert.Equal(new CfgNodeAddress(IPAddress.Parse("198.18.0.3"), 5405), CfgClient.ParseSockaddr(raw));
    }

    [Fact]
    public void Parses_sockaddr_in6()
    {
        var raw = new byte[28];
        raw[0] = 10; // AF_INET6
        IPAddress.Parse("fd00::12").GetAddressBytes().CopyTo(raw, 8);

        Assert.Equal(IPAddress.Parse("fd00::12"), CfgClient.ParseSockaddr(raw)?.Address);
    }

    [Fact]
    public void Unknown_families_are_skipped() => Assert.Null(CfgClient.ParseSockaddr(new byte[28]));
}
