using PveCluster.Core.Text;

namespace PveCluster.Core.Tests.Text;

public class MountInfoTests
{
    [Fact]
    public void Parses_a_fuse_line_with_optional_fields()
    {
        var mount = MountInfo.Parse("146 27 0:45 / /etc/pve rw,nosuid,nodev,relatime shared:1 master:2 - fuse /dev/fuse rw,user_id=0");

        Assert.Equal(new MountInfo("/etc/pve", 0, 45, "fuse"), mount);
    }

    [Fact]
    public void Decodes_octal_escapes_in_mount_points()
    {
        var mount = MountInfo.Parse(@"1 2 0:7 / /tmp/with\040space\134x rw - tmpfs tmpfs rw");

        Assert.Equal("/tmp/with space\\x", mount!.MountPoint);
    }

    [Fact]
    public void Decodes_escaped_utf8_bytes_as_one_character()
    {
        var mount = MountInfo.Parse(@"1 2 0:7 / /srv/\303\244 rw - tmpfs tmpfs rw");

        Assert.Equal("/srv/ä", mount!.MountPoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1 2 x:y / /mnt rw - tmpfs tmpfs rw")]
    [InlineData("1 2 0:7 / /mnt rw tmpfs tmpfs rw")]
    public void Ignores_lines_it_cannot_read(string line) => Assert.Null(MountInfo.Parse(line));
}
