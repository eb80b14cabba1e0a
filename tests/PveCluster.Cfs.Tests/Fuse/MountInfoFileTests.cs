using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public class MountInfoFileTests
{
    [Fact]
    public void Finds_the_last_mount_on_a_path_and_skips_lines_it_cannot_read()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(file,
            [
                "20 1 0:3 / /srv/pve rw - tmpfs tmpfs rw",
                "garbage",
                "21 20 0:44 / /srv/pve rw - fuse /dev/fuse rw",
            ]);

            Assert.Equal("fuse", MountInfoFile.Find("/srv/pve/", file)?.FileSystemType);
            Assert.Null(MountInfoFile.Find("/srv", file));
            Assert.Equal(2, MountInfoFile.Read(file).Count());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
