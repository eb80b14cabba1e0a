using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>Mounts the file system for real in a temp directory and drives it through the kernel with normal file APIs.</summary>
[SupportedOSPlatform("linux")]
public sealed class FuseMountTests : IDisposable
{
    private readonly string _mountPoint = Directory.CreateTempSubdirectory("pmxcfs-mount-").FullName;
    private readonly FileSystemFixture _fixture = new();

    public void Dispose()
    {
        _fixture.Dispose();
        if (MountInfoFile.Find(_mountPoint) is null)
            Directory.Delete(_mountPoint);
    }

    [FuseFact]
    public void Files_written_through_the_kernel_land_in_the_tree_and_read_back()
    {
        using (Mount())
        {
            var storage = Path.Combine(_mountPoint, "storage.cfg");
            File.WriteAllText(storage, "dir: local\n\tpath /var/lib/vz\n");

            Assert.Equal("dir: local\n\tpath /var/lib/vz\n", File.ReadAllText(storage));
            Assert.Equal("dir: local\n\tpath /var/lib/vz\n", TreeText("/storage.cfg"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(storage));

            File.AppendAllText(storage, "more\n");
            Assert.EndsWith("more\n", TreeText("/storage.cfg"), StringComparison.Ordinal);
            File.WriteAllText(storage, "short");
            Assert.Equal("short", File.ReadAllText(storage));
        }

        Assert.Null(MountInfoFile.Find(_mountPoint));
    }

    [FuseFact]
    public void Directories_rename_and_delete_work_through_the_kernel()
    {
        using (Mount())
        {
            var qemu = Path.Combine(_mountPoint, "nodes", "n1", "qemu-server");
            Directory.CreateDirectory(qemu);
            var temp = Path.Combine(qemu, "100.conf.tmp");
            var final = Path.Combine(qemu, "100.conf");
            File.WriteAllText(final, "memory: 512\n");
            File.WriteAllText(temp, "memory: 1024\n");

            File.Move(temp, final, overwrite: true);

            Assert.Equal("memory: 1024\n", File.ReadAllText(final));
            Assert.False(File.Exists(temp));
            Assert.Equal(["100.conf"], Directory.GetFiles(qemu).Select(Path.GetFileName));
            Assert.Null(_fixture.Tree.GetEntry("/nodes/n1/qemu-server/100.conf.tmp"));

            File.Delete(final);
            Directory.Delete(Path.Combine(_mountPoint, "nodes"), recursive: true);
            Assert.Null(_fixture.Tree.GetEntry("/nodes"));
        }

        Assert.Null(MountInfoFile.Find(_mountPoint));
    }

    [FuseFact]
    public void Generated_entries_are_visible_through_the_kernel()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 512\n");
        using (Mount())
        {
            var names = Directory.EnumerateFileSystemEntries(_mountPoint).Select(Path.GetFileName).ToList();
            Assert.Contains(".members", names);
            Assert.Contains("local", names);

            Assert.Equal("nodes/n1", new FileInfo(Path.Combine(_mountPoint, "local")).LinkTarget);
            Assert.Equal("memory: 512\n", File.ReadAllText(Path.Combine(_mountPoint, "qemu-server", "100.conf")));

            using var vmList = JsonDocument.Parse(File.ReadAllText(Path.Combine(_mountPoint, ".vmlist")));
            Assert.Equal("n1", vmList.RootElement.GetProperty("ids").GetProperty("100").GetProperty("node").GetString());

            File.WriteAllText(Path.Combine(_mountPoint, ".debug"), "1");
            Assert.True(_fixture.Debug.Enabled);
        }
    }

    [FuseFact]
    public void Without_quorum_writes_fail_with_access_denied_and_reads_work()
    {
        _fixture.Tree.Seed("/datacenter.cfg", "keyboard: de\n");
        _fixture.Tree.Writable = false;
        using (Mount())
        {
            var datacenter = Path.Combine(_mountPoint, "datacenter.cfg");
            Assert.Equal("keyboard: de\n", File.ReadAllText(datacenter));
            Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(datacenter, "keyboard: en\n"));
            Assert.Throws<UnauthorizedAccessException>(() => File.WriteAllText(Path.Combine(_mountPoint, "new.cfg"), "x"));
            Assert.Equal("keyboard: de\n", TreeText("/datacenter.cfg"));
        }
    }

    [FuseFact]
    public void Unmount_completes_even_while_a_file_is_held_open()
    {
        _fixture.Tree.Seed("/held.cfg", "x");
        var mount = Mount();
        using var held = new FileStream(Path.Combine(_mountPoint, "held.cfg"), FileMode.Open, FileAccess.Read);

        mount.Dispose();

        Assert.True(mount.Completion.IsCompleted);
        Assert.Null(MountInfoFile.Find(_mountPoint));
    }

    [FuseFact]
    public void A_stale_fuse_mount_is_detached()
    {
        var mount = Mount();

        Assert.True(FuseMount.UnmountStale(_mountPoint, NullLogger.Instance));

        Assert.Null(MountInfoFile.Find(_mountPoint));
        Assert.True(mount.Completion.Wait(TimeSpan.FromSeconds(10)), "the loop should end once its mount is gone");
        mount.Dispose();
        Assert.False(FuseMount.UnmountStale(_mountPoint, NullLogger.Instance));
    }

    private FuseMount Mount()
    {
        Assert.Null(FuseFactAttribute.MissingPrerequisite());
        var mount = FuseMount.Mount(_mountPoint, _fixture.FileSystem, NullLogger.Instance);
        Assert.Equal("fuse", MountInfoFile.Find(_mountPoint)?.FileSystemType);
        return mount;
    }

    private string TreeText(string path) => Encoding.UTF8.GetString(_fixture.Tree.ReadFile(path)!.Value.Span);
}
