using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Tests.Fuse;

public sealed class CfsFileSystemAttributeTests : IDisposable
{
    private readonly FileSystemFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private CfsFileSystem Fs => _fixture.FileSystem;

    [Fact]
    public void Directories_are_0750_and_files_0640_owned_by_root_and_www_data()
    {
        _fixture.Tree.Seed("/storage.cfg", "dir: local\n");
        _fixture.Tree.Seed("/nodes/n1/qemu-server");

        Assert.Equal(0, Fs.GetAttributes("/nodes", FileSystemFixture.Root, out var dir));
        Assert.Equal(Stat.S_IFDIR | 0b111_101_000u, dir.Mode);
        Assert.Equal((0u, FileSystemFixture.WwwData), (dir.Uid, dir.Gid));

        Assert.Equal(0, Fs.GetAttributes("/storage.cfg", FileSystemFixture.Root, out var file));
        Assert.Equal(Stat.S_IFREG | 0b110_100_000u, file.Mode);
        Assert.Equal(11, file.Size);
        Assert.Equal(1_700_000_000, file.MTime);
    }

    [Fact]
    public void Root_exists_even_in_an_empty_tree()
    {
        Assert.Equal(0, Fs.GetAttributes("/", FileSystemFixture.User, out var root));
        Assert.Equal(Stat.S_IFDIR, root.Mode & Stat.S_IFMT);
    }

    [Fact]
    public void Missing_paths_are_ENOENT()
    {
        Assert.Equal(-Errno.ENOENT, Fs.GetAttributes("/nope", FileSystemFixture.Root, out _));
        Assert.Equal(-Errno.ENOENT, Fs.Open("/nope", OpenFlags.O_RDONLY, FileSystemFixture.Root, out _, out _));
    }

    [Theory]
    [InlineData("/priv")]
    [InlineData("/nodes/n1/priv")]
    public void Priv_directories_are_0700_and_visible_but_closed_to_non_root(string priv)
    {
        _fixture.Tree.Seed(priv + "/authkey.key", "secret");

        Assert.Equal(0, Fs.GetAttributes(priv, FileSystemFixture.User, out var attributes));
        Assert.Equal(Stat.S_IFDIR | 0b111_000_000u, attributes.Mode);
        Assert.Equal(-Errno.EACCES, Fs.ListDirectory(priv, FileSystemFixture.User, []));
        Assert.Equal(-Errno.EACCES, Fs.GetAttributes(priv + "/authkey.key", FileSystemFixture.User, out _));
        Assert.Equal(-Errno.EACCES, Fs.Open(priv + "/authkey.key", OpenFlags.O_RDONLY, FileSystemFixture.User, out _, out _));
        Assert.Equal(-Errno.EACCES, Fs.Create(priv + "/new", FileSystemFixture.User));

        Assert.Equal(0, Fs.GetAttributes(priv + "/authkey.key", FileSystemFixture.Root, out var key));
        Assert.Equal(Stat.S_IFREG | 0b110_000_000u, key.Mode);
        Assert.Equal("secret", _fixture.ReadAll(priv + "/authkey.key"));
    }

    [Fact]
    public void Root_listing_merges_stored_entries_with_generated_ones()
    {
        _fixture.Tree.Seed("/storage.cfg", "x");
        _fixture.Tree.Seed("/.members", "stale copy from an old database");
        var names = new List<string>();

        Assert.Equal(0, Fs.ListDirectory("/", FileSystemFixture.User, names));

        Assert.Equal(
            [".", "..", "storage.cfg", ".clusterlog", ".debug", ".members", ".version", ".vmlist", "local", "lxc", "openvz", "qemu-server"],
            names);
    }

    [Fact]
    public void Listing_a_file_is_ENOTDIR_and_a_missing_directory_ENOENT()
    {
        _fixture.Tree.Seed("/storage.cfg", "x");
        Assert.Equal(-Errno.ENOTDIR, Fs.ListDirectory("/storage.cfg", FileSystemFixture.Root, []));
        Assert.Equal(-Errno.ENOENT, Fs.ListDirectory("/nope", FileSystemFixture.Root, []));
    }

    [Fact]
    public void Node_links_point_into_this_nodes_directory()
    {
        Assert.Equal(0, Fs.ReadLink("/local", out var local));
        Assert.Equal("nodes/n1", local);
        Assert.Equal(0, Fs.ReadLink("/qemu-server", out var qemu));
        Assert.Equal("nodes/n1/qemu-server", qemu);
        Assert.Equal(0, Fs.GetAttributes("/lxc", FileSystemFixture.User, out var link));
        Assert.Equal(Stat.S_IFLNK, link.Mode & Stat.S_IFMT);
        Assert.Equal("nodes/n1/lxc".Length, link.Size);
    }

    [Fact]
    public void Readlink_on_a_regular_file_is_EINVAL()
    {
        _fixture.Tree.Seed("/storage.cfg", "x");
        Assert.Equal(-Errno.EINVAL, Fs.ReadLink("/storage.cfg", out _));
        Assert.Equal(-Errno.ENOENT, Fs.ReadLink("/nope", out _));
    }

    [Fact]
    public void Statfs_reports_the_tree_limits_minus_usage()
    {
        _fixture.Tree.Seed("/a", new string('x', 8192));
        _fixture.Tree.Seed("/d/b", "y");

        Fs.GetUsage(out var usage);

        Assert.Equal(4096UL, usage.BlockSize);
        Assert.Equal(128UL * 1024 * 1024 / 4096, usage.Blocks);
        Assert.Equal(usage.Blocks - 3, usage.FreeBlocks); // 8193 bytes occupy three 4 KiB blocks
        Assert.Equal(256UL * 1024, usage.Files);
        Assert.Equal(256UL * 1024 - 4, usage.FreeFiles); // root, a, d, d/b
    }

    [Fact]
    public void Chmod_to_the_fixed_mode_succeeds_and_anything_else_is_EPERM()
    {
        _fixture.Tree.Seed("/storage.cfg", "x");
        Assert.Equal(0, Fs.ChangeMode("/storage.cfg", 0b110_100_000, FileSystemFixture.Root));
        Assert.Equal(-Errno.EPERM, Fs.ChangeMode("/storage.cfg", 0b111_111_111, FileSystemFixture.Root));
        Assert.Equal(-Errno.ENOENT, Fs.ChangeMode("/nope", 0b110_100_000, FileSystemFixture.Root));
    }

    [Fact]
    public void Chown_to_root_and_www_data_succeeds_and_anything_else_is_EPERM()
    {
        _fixture.Tree.Seed("/storage.cfg", "x");
        Assert.Equal(0, Fs.ChangeOwner("/storage.cfg", 0, FileSystemFixture.WwwData, FileSystemFixture.Root));
        Assert.Equal(0, Fs.ChangeOwner("/storage.cfg", uint.MaxValue, uint.MaxValue, FileSystemFixture.Root));
        Assert.Equal(-Errno.EPERM, Fs.ChangeOwner("/storage.cfg", 1000, uint.MaxValue, FileSystemFixture.Root));
        Assert.Equal(-Errno.EPERM, Fs.ChangeOwner("/storage.cfg", 0, 0, FileSystemFixture.Root));
    }
}
