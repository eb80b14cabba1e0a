using System.Net;
using PveCluster.Core.DatacenterCfg;

namespace PveCluster.Core.Tests.DatacenterCfg;

public class MigrationAddressPickerTests
{
    private static IPAddress[] Local(params string[] addresses) => [.. addresses.Select(IPAddress.Parse)];

    [Fact]
    public void The_single_matching_address_is_picked()
    {
        var picked = MigrationAddressPicker.Pick(CidrNetwork.Parse("10.10.0.0/24"), Local("192.168.1.5", "10.10.0.7", "fd00::7"));
        Assert.Equal(IPAddress.Parse("10.10.0.7"), picked);
    }

    [Fact]
    public void Host_bits_in_the_cidr_are_ignored()
    {
        var network = CidrNetwork.Parse("10.10.0.99/24");
        Assert.Equal("10.10.0.99/24", network.Text);
        Assert.Equal(IPAddress.Parse("10.10.0.7"), MigrationAddressPicker.Pick(network, Local("10.10.0.7")));
    }

    [Fact]
    public void IPv6_networks_work()
    {
        var picked = MigrationAddressPicker.Pick(CidrNetwork.Parse("fd00:10::/64"), Local("10.0.0.1", "fd00:10::5", "fd00:11::5"));
        Assert.Equal(IPAddress.Parse("fd00:10::5"), picked);
    }

    [Fact]
    public void No_match_names_the_network_and_the_candidates()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            MigrationAddressPicker.Pick(CidrNetwork.Parse("10.10.0.0/24"), Local("192.168.1.5", "fd00::7")));
        Assert.Equal("no local address is in the migration network 10.10.0.0/24; local addresses: 192.168.1.5, fd00::7", ex.Message);
    }

    [Fact]
    public void Several_matches_are_refused_with_the_matching_addresses()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            MigrationAddressPicker.Pick(CidrNetwork.Parse("10.0.0.0/8"), Local("10.1.0.1", "10.2.0.1", "192.168.1.1")));
        Assert.StartsWith("more than one local address is in the migration network 10.0.0.0/8: 10.1.0.1, 10.2.0.1", ex.Message, StringComparison.Ordinal);
    }
}
