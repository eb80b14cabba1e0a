using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;

namespace PveCluster.Lab.Tests;

public sealed class LabNamingTests
{
    [Fact]
    public void Interface_names_fit_the_kernel_limit_for_the_largest_lab()
    {
        var names = new LabNames(LabNames.NewId());
        Assert.True(names.HostVeth(LabOptions.MaxNodes, 1).Length <= 15, names.HostVeth(LabOptions.MaxNodes, 1));
        Assert.True(names.Bridge(1).Length <= 15, names.Bridge(1));
        Assert.StartsWith(LabNames.Prefix, names.Netns(1), StringComparison.Ordinal);
    }

    [Fact]
    public void New_ids_are_valid_and_differ()
    {
        var ids = Enumerable.Range(0, 50).Select(_ => LabNames.NewId()).ToList();
        Assert.All(ids, id => Assert.True(LabNames.IsValidId(id), id));
        Assert.True(ids.Distinct().Count() > 45);
        Assert.Throws<LabException>(() => new LabNames("../x"));
    }

    [Fact]
    public void Addresses_stay_in_the_benchmark_range_and_avoid_lab_sh()
    {
        var addressing = new LabAddressing(LabAddressing.FirstSubnetIndex);
        Assert.Equal("198.18.2.3", addressing.Node(3, 0).ToString());
        Assert.Equal("198.19.2.3", addressing.Node(3, 1).ToString());
        Assert.Equal("198.18.2.254", addressing.Host(0).ToString());
        Assert.Equal("198.19.2.0/24", addressing.Subnet(1));
        // lab.sh uses 198.18.0.0/24 and 198.18.1.0/24.
        Assert.Throws<LabException>(() => new LabAddressing(1));
    }
}
