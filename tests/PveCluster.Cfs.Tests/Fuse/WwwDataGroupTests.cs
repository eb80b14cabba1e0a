using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public class WwwDataGroupTests
{
    [Fact]
    public void Reads_the_gid_from_the_group_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file, ["root:x:0:", "www-data-old:x:99:", "www-data:x:1033:"]);
            Assert.Equal(1033u, WwwDataGroup.Resolve(file));

            File.WriteAllLines(file, ["root:x:0:", "www:x:80:"]);
            Assert.Equal(0u, WwwDataGroup.Resolve(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Falls_back_to_root_when_there_is_no_group_file() =>
        Assert.Equal(0u, WwwDataGroup.Resolve("/nonexistent/group"));
}
