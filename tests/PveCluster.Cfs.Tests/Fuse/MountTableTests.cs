using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public class MountTableTests
{
    [Fact]
    public void Parses_a_fuse_line_with_optional_fields()
    {
        var mount = MountTable.Parse("146 27 0:45 / /etc/pve rw,nosuid,nodev,relatime shared:1 master:2 - fuse /dev/fuse rw,user_id=0");

        Assert.Equal(new MountInfo("/etc/pve", 0, 45, "fuse"), mount);
    }

    [Fact]
    public void Decodes_octal_escapes_in_mount_points()
    {
        var mount = MountTable.Parse(@"1 2 0:7 / /tmp/with\040space\134x rw - tmpfs tmpfs rw");

        Assert.Equal("/tmp/with space\\x", mount!.MountPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1 2 x:y / /mnt rw - tmpfs tmpfs rw")]
    public void Ignores_lines_it_cannot_read(string line) => Assert.Null(MountTable.Parse(line));

    [Fact]
    public void Finds_the_last_mount_on_a_path()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                "20 1 0:3 / /srv/pve rw - tmpfs tmpfs rw",
                "21 20 0:44 / /srv/pve rw - fuse /dev/fuse rw",
            ]);

            Assert.Equal("fuse", MountTable.Find("/srv/pve/", file)?.FileSystemType);
            Assert.Null(MountTable.Find("/srv", file));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
