using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public sealed class PrivatePathsTests
{
    [Theory]
    [InlineData("/priv", true, false)]
    [InlineData("/priv/", true, false)]
    [InlineData("/priv/authkey.key", true, true)]
    [InlineData("//priv//lock/x", true, true)]
    [InlineData("/nodes/n1/priv", true, false)]
    [InlineData("/nodes/n1/priv/pve-root-ca.key", true, true)]
    [InlineData("/nodes/n1/qemu-server/100.conf", false, false)]
    [InlineData("/nodes/priv", false, false)]
    [InlineData("/private", false, false)]
    [InlineData("/storage.cfg", false, false)]
    [InlineData("/", false, false)]
    [InlineData("", false, false)]
    public void Private_areas_are_the_top_priv_and_each_nodes_priv(string path, bool isPrivate, bool isInside)
    {
        Assert.Equal(isPrivate, PrivatePaths.IsPrivate(path));
        Assert.Equal(isInside, PrivatePaths.IsInsidePrivate(path));
    }
}
