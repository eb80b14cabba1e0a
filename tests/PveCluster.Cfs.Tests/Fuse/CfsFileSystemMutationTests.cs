using System.Text;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Tests.Fuse;

public sealed class CfsFileSystemMutationTests : IDisposable
{
    private readonly FileSystemFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private CfsFileSystem Fs => _fixture.FileSystem;

    private static CallerIdentity Root => FileSystemFixture.Root;

    [Fact]
    public void Create_write_and_read_back()
    {
        Assert.Equal(0, Fs.Create("/storage.cfg", Root));
        Assert.Equal(5, _fixture.WriteText("/storage.cfg", "hello"));
        Assert.Equal(6, _fixture.WriteText("/storage.cfg", " world", offset: 5));

        Assert.Equal("hello world", _fixture.ReadAll("/storage.cfg"));
        Assert.Equal(1_750_000_000, _fixture.Tree.GetEntry("/storage.cfg")!.MTime);
    }

    [Fact]
    public void Writing_past_the_end_fills_the_gap_with_zeros()
    {
        _fixture.Tree.Seed("/f", "ab");
        Assert.Equal(1, _fixture.WriteText("/f", "z", offset: 4));
        Assert.Equal("ab\0\0z", _fixture.ReadAll("/f"));
    }

    [Fact]
    public void Read_honours_offset_and_buffer_size()
    {
        _fixture.Tree.Seed("/f", "0123456789");
        var buffer = new byte[4];
        Assert.Equal(4, Fs.Read("/f", 0, buffer, 3));
        Assert.Equal("3456", Encoding.ASCII.GetString(buffer));
        Assert.Equal(0, Fs.Read("/f", 0, buffer, 10));
        Assert.Equal(-Errno.EINVAL, Fs.Read("/f", 0, buffer, -1));
    }

    [Fact]
    public async Task Write_returns_only_after_the_tree_applied_it()
    {
        _fixture.Tree.Seed("/f", "");
        _fixture.Tree.HoldMutations();

        var write = Task.Run(() => _fixture.WriteText("/f", "ordered"));
        await Eventually.HoldsAsync(() => _fixture.Tree.WaitingCount == 1, "the write to reach the tree");

        // Submitted but not yet ordered: the caller is still waiting and nothing is buffered anywhere.
        Assert.False(write.IsCompleted);
        Assert.Equal("", Encoding.UTF8.GetString(_fixture.Tree.ReadFile("/f")!.Value.Span));

        _fixture.Tree.ReleaseMutations();
        Assert.Equal(7, await write.WaitAsync(Eventually.DefaultTimeout));
        Assert.Equal("ordered", Encoding.UTF8.GetString(_fixture.Tree.ReadFile("/f")!.Value.Span));
    }

    [Fact]
    public void Tree_errors_come_back_as_negative_errno()
    {
        _fixture.Tree.Seed("/d/f", "x");
        Assert.Equal(-Errno.EEXIST, Fs.Create("/d/f", Root));
        Assert.Equal(-Errno.ENOENT, Fs.Create("/missing/f", Root));
        Assert.Equal(-Errno.ENOTDIR, Fs.MakeDirectory("/d/f/sub", Root));
        Assert.Equal(-Errno.ENOTEMPTY, Fs.RemoveDirectory("/d", Root));
        Assert.Equal(-Errno.EFBIG, Fs.Write("/d/f", new byte[10], _fixture.Tree.MaxFileSize, Root));
    }

    [Fact]
    public void Open_with_O_TRUNC_for_writing_empties_the_file()
    {
        _fixture.Tree.Seed("/f", "old content");
        Assert.Equal(0, Fs.Open("/f", OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, Root, out var handle, out var directIo));
        Assert.Equal(0UL, handle);
        Assert.False(directIo);
        Assert.Equal(0, _fixture.Tree.GetEntry("/f")!.Size);
    }

    [Fact]
    public void Truncate_shortens_and_extends()
    {
        _fixture.Tree.Seed("/f", "abcdef");
        Assert.Equal(0, Fs.Truncate("/f", 3, Root));
        Assert.Equal("abc", _fixture.ReadAll("/f"));
        Assert.Equal(0, Fs.Truncate("/f", 5, Root));
        Assert.Equal("abc\0\0", _fixture.ReadAll("/f"));
        Assert.Equal(-Errno.EINVAL, Fs.Truncate("/f", -1, Root));
    }

    [Fact]
    public void Mkdir_rmdir_and_unlink()
    {
        Assert.Equal(0, Fs.MakeDirectory("/ha", Root));
        Assert.Equal(0, Fs.Create("/ha/resources.cfg", Root));
        Assert.Equal(-Errno.EISDIR, Fs.Unlink("/ha", Root));
        Assert.Equal(-Errno.ENOTDIR, Fs.RemoveDirectory("/ha/resources.cfg", Root));
        Assert.Equal(0, Fs.Unlink("/ha/resources.cfg", Root));
        Assert.Equal(0, Fs.RemoveDirectory("/ha", Root));
        Assert.Null(_fixture.Tree.GetEntry("/ha"));
        Assert.Equal(-Errno.ENOENT, Fs.Unlink("/ha", Root));
    }

    [Fact]
    public void Rename_replaces_an_existing_target_atomically()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "new");
        _fixture.Tree.Seed("/nodes/n2/qemu-server/100.conf.tmp", "x");
        _fixture.Tree.Seed("/user.cfg.tmp", "users v2");
        _fixture.Tree.Seed("/user.cfg", "users v1");

        Assert.Equal(0, Fs.Rename("/user.cfg.tmp", "/user.cfg", 0, Root));

        Assert.Equal("users v2", _fixture.ReadAll("/user.cfg"));
        Assert.Null(_fixture.Tree.GetEntry("/user.cfg.tmp"));
    }

    [Fact]
    public void Rename_moves_a_guest_between_nodes()
    {
        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "memory: 512");
        _fixture.Tree.Seed("/nodes/n2/qemu-server");

        Assert.Equal(0, Fs.Rename("/nodes/n1/qemu-server/100.conf", "/nodes/n2/qemu-server/100.conf", 0, Root));

        Assert.Equal("memory: 512", _fixture.ReadAll("/nodes/n2/qemu-server/100.conf"));
    }

    [Fact]
    public void Rename_flags_noreplace_and_exchange()
    {
        _fixture.Tree.Seed("/a", "a");
        _fixture.Tree.Seed("/b", "b");
        Assert.Equal(-Errno.EEXIST, Fs.Rename("/a", "/b", CfsFileSystem.RENAME_NOREPLACE, Root));
        Assert.Equal(-Errno.EINVAL, Fs.Rename("/a", "/b", CfsFileSystem.RENAME_EXCHANGE, Root));
        Assert.Equal(0, Fs.Rename("/a", "/c", CfsFileSystem.RENAME_NOREPLACE, Root));
    }

    [Fact]
    public void Utimens_sets_the_modification_time()
    {
        _fixture.Tree.Seed("/f", "x");
        Assert.Equal(0, Fs.SetModificationTime("/f", 1_234_567_890, Root));
        Assert.Equal(1_234_567_890, _fixture.Tree.GetEntry("/f")!.MTime);
        Assert.Equal(0, Fs.SetModificationTime("/f", null, Root));
        Assert.Equal(1_750_000_000, _fixture.Tree.GetEntry("/f")!.MTime);
    }

    [Fact]
    public void Without_quorum_every_mutation_is_EACCES_and_reads_still_work()
    {
        _fixture.Tree.Seed("/d/f", "kept");
        _fixture.Tree.Writable = false;

        Assert.Equal(-Errno.EACCES, Fs.Create("/g", Root));
        Assert.Equal(-Errno.EACCES, _fixture.WriteText("/d/f", "x"));
        Assert.Equal(-Errno.EACCES, Fs.Truncate("/d/f", 0, Root));
        Assert.Equal(-Errno.EACCES, Fs.MakeDirectory("/e", Root));
        Assert.Equal(-Errno.EACCES, Fs.Unlink("/d/f", Root));
        Assert.Equal(-Errno.EACCES, Fs.RemoveDirectory("/d", Root));
        Assert.Equal(-Errno.EACCES, Fs.Rename("/d/f", "/d/g", 0, Root));
        Assert.Equal(-Errno.EACCES, Fs.SetModificationTime("/d/f", 5, Root));
        Assert.Equal(-Errno.EACCES, Fs.Open("/d/f", OpenFlags.O_RDWR, Root, out _, out _));

        Assert.Equal("kept", _fixture.ReadAll("/d/f"));
        Assert.Equal(0, _fixture.Tree.MutationCount);
    }

    [Fact]
    public void Generated_entries_cannot_be_created_removed_or_renamed()
    {
        _fixture.Tree.Seed("/f", "x");
        Assert.Equal(-Errno.EEXIST, Fs.Create("/.members", Root));
        Assert.Equal(-Errno.EEXIST, Fs.MakeDirectory("/local", Root));
        Assert.Equal(-Errno.EACCES, Fs.Unlink("/.vmlist", Root));
        Assert.Equal(-Errno.EACCES, Fs.Rename("/f", "/.members", 0, Root));
        Assert.Equal(-Errno.EACCES, Fs.Open("/.members", OpenFlags.O_WRONLY, Root, out _, out _));
        Assert.Equal(-Errno.EACCES, Fs.Write("/.members", "x"u8, 0, Root));
        Assert.Equal(-Errno.EACCES, Fs.Truncate("/.vmlist", 0, Root));
    }

    [Fact]
    public void Overlong_names_are_ENAMETOOLONG()
    {
        Assert.Equal(-Errno.ENAMETOOLONG, Fs.Create("/" + new string('a', 256), Root));
        Assert.Equal(0, Fs.Create("/" + new string('a', 255), Root));
    }
}
