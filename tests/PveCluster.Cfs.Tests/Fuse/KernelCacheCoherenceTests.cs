using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Fuse;

/// <summary>
/// The kernel caches pages and attributes of stored files; changes that do not come through the
/// kernel (another node's write, a sync) reach readers through explicit invalidation. Each change
/// here keeps size and mtime, the one case the kernel cannot notice by itself, and the kernel is
/// told to trust its cache for an hour: whatever a test sees, the invalidation made it see.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class KernelCacheCoherenceTests : IDisposable
{
    private const int WarmReads = 20;
    private static readonly TimeSpan TrustForAnHour = TimeSpan.FromHours(1);

    private readonly TempMountPoint _temporary = new("pmxcfs-cache-");
    private readonly FileSystemFixture _fixture = new();

    private string MountPoint => _temporary.Path;

    public void Dispose()
    {
        _fixture.Dispose();
        _temporary.Dispose();
    }

    [FuseFact]
    public async Task A_same_size_same_mtime_change_behind_the_kernel_is_read_by_the_next_open()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 512\n");
        using var mount = Mount();
        var path = Path.Combine(MountPoint, "nodes/n1/qemu-server/100.conf");
        var mtime = File.GetLastWriteTimeUtc(path);
        Warm(path, "memory: 512\n");

        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 999\n");

        await Eventually.HoldsAsync(() => File.ReadAllText(path) == "memory: 999\n", "the new content through the kernel");
        Assert.Equal(mtime, File.GetLastWriteTimeUtc(path));
    }

    [FuseFact]
    public async Task A_descriptor_held_open_reads_the_new_content_and_size()
    {
        _fixture.Tree.Seed("/held.cfg", "0123456789");
        using var mount = Mount();
        var path = Path.Combine(MountPoint, "held.cfg");
        using var held = File.OpenHandle(path);
        Assert.Equal("0123456789", ReadAt(held, 16));
        Assert.Equal("0123456789", ReadAt(held, 16));

        _fixture.Tree.Seed("/held.cfg", "abcdefghij");
        await Eventually.HoldsAsync(() => ReadAt(held, 16) == "abcdefghij", "same-size content through the open descriptor");

        _fixture.Tree.Seed("/held.cfg", "abcdefghijklmnop");
        await Eventually.HoldsAsync(() => RandomAccess.GetLength(held) == 16, "the new size through fstat of the open descriptor");
        Assert.Equal("abcdefghijklmnop", ReadAt(held, 32));
    }

    [FuseFact]
    public async Task A_rename_over_a_cached_file_serves_the_renamed_content_and_the_old_name_is_gone()
    {
        _fixture.Tree.Seed("/dir/target.cfg", "old-target");
        _fixture.Tree.Seed("/dir/source.cfg", "new-target");
        using var mount = Mount();
        var target = Path.Combine(MountPoint, "dir/target.cfg");
        var source = Path.Combine(MountPoint, "dir/source.cfg");
        Warm(target, "old-target");
        Warm(source, "new-target");

        Assert.Equal(CfsError.None, await _fixture.Tree.RenameAsync("/dir/source.cfg", "/dir/target.cfg", default));

        await Eventually.HoldsAsync(() => File.ReadAllText(target) == "new-target", "the renamed content under the target name");
        await Eventually.HoldsAsync(() => !File.Exists(source), "the old name to be gone");
        Assert.Equal(["target.cfg"], Directory.GetFiles(Path.Combine(MountPoint, "dir")).Select(Path.GetFileName));
    }

    [FuseFact]
    public async Task Delete_and_create_behind_the_kernel_are_seen_and_a_recreated_file_shows_its_new_content()
    {
        _fixture.Tree.Seed("/cycle.cfg", "first");
        using var mount = Mount();
        var path = Path.Combine(MountPoint, "cycle.cfg");
        Warm(path, "first");

        Assert.Equal(CfsError.None, await _fixture.Tree.DeleteAsync("/cycle.cfg", default));
        await Eventually.HoldsAsync(() => !File.Exists(path), "the deleted file to be gone");
        Assert.Throws<FileNotFoundException>(() => File.ReadAllText(path));

        _fixture.Tree.Seed("/cycle.cfg", "again");
        await Eventually.HoldsAsync(() => File.Exists(path) && File.ReadAllText(path) == "again", "the recreated file's content");
    }

    [FuseFact]
    public async Task Names_removed_behind_the_kernel_can_be_created_again_through_a_plain_O_CREAT_open()
    {
        _fixture.Tree.Seed("/gone/file.cfg", "x");
        using var mount = Mount();
        var directory = Path.Combine(MountPoint, "gone");
        var file = Path.Combine(directory, "file.cfg");
        Warm(file, "x");

        // O_CREAT without O_EXCL trusts a cached name: the kernel sends OPEN instead of CREATE,
        // which fails with ENOENT for as long as the name stays cached.
        Assert.Equal(CfsError.None, await _fixture.Tree.DeleteAsync("/gone/file.cfg", default));
        await Eventually.HoldsAsync(() => TryCreate(directory, file), "an O_CREAT open of the removed file to succeed");
        Assert.Equal("new", File.ReadAllText(file));

        // The same below a directory removed and made again (mkdir revalidates the directory's name itself).
        Warm(file, "new");
        Assert.Equal(CfsError.None, await _fixture.Tree.DeleteAsync("/gone/file.cfg", default));
        Assert.Equal(CfsError.None, await _fixture.Tree.DeleteAsync("/gone", default));
        await Eventually.HoldsAsync(() => TryCreate(directory, file), "mkdir and an O_CREAT open to succeed");
        Assert.Equal("new", File.ReadAllText(file));
    }

    [FuseFact]
    public void Generated_files_are_never_served_from_the_page_cache()
    {
        using var mount = Mount();
        var version = Path.Combine(MountPoint, ".version");
        var before = File.ReadAllText(version);
        Assert.Equal(before, File.ReadAllText(version));

        _fixture.Tree.Seed("/any.cfg", "x");

        Assert.NotEqual(before, File.ReadAllText(version));
    }

    private static bool TryCreate(string directory, string file)
    {
        try
        {
            Directory.CreateDirectory(directory);
            using var created = new FileStream(file, FileMode.OpenOrCreate, FileAccess.Write);
            created.Write("new"u8);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Warm(string path, string expected)
    {
        for (var i = 0; i < WarmReads; i++)
            Assert.Equal(expected, File.ReadAllText(path));
    }

    private static string ReadAt(Microsoft.Win32.SafeHandles.SafeFileHandle handle, int size)
    {
        var buffer = new byte[size];
        var read = RandomAccess.Read(handle, buffer, 0);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private FuseMount Mount()
    {
        Assert.Null(FuseFactAttribute.MissingPrerequisite());
        return FuseMount.Mount(MountPoint, _fixture.FileSystem, NullLogger.Instance, TrustForAnHour);
    }
}
