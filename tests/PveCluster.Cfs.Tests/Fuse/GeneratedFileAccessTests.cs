using System.Text;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Tests.Fuse;

public sealed class GeneratedFileAccessTests : IDisposable
{
    private readonly FileSystemFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    private CfsFileSystem Fs => _fixture.FileSystem;

    [Fact]
    public void Generated_files_are_read_from_a_snapshot_taken_at_open()
    {
        Assert.Equal(0, Fs.Open("/.vmlist", OpenFlags.O_RDONLY, FileSystemFixture.User, out var handle, out var directIo));
        Assert.True(directIo);
        Assert.NotEqual(0UL, handle);

        _fixture.Tree.Seed("/nodes/n1/qemu-server/100.conf", "x");

        var buffer = new byte[4096];
        var count = Fs.Read("/.vmlist", handle, buffer, 0);
        Assert.DoesNotContain("100", Encoding.UTF8.GetString(buffer, 0, count), StringComparison.Ordinal);
        Assert.Equal(0, Fs.Release(handle));
        Assert.Equal(0, Fs.OpenSnapshotCount);

        Assert.Contains("\"100\"", _fixture.ReadAll("/.vmlist"), StringComparison.Ordinal);
    }

    [Fact]
    public void Generated_files_report_their_current_size_and_mode()
    {
        Assert.Equal(0, Fs.GetAttributes("/.members", FileSystemFixture.User, out var members));
        Assert.Equal(Stat.S_IFREG | 0b100_100_000u, members.Mode);
        Assert.Equal(_fixture.ReadAll("/.members").Length, members.Size);
        Assert.Equal(0, Fs.GetAttributes("/.debug", FileSystemFixture.User, out var debug));
        Assert.Equal(Stat.S_IFREG | 0b110_100_000u, debug.Mode);
    }

    [Fact]
    public void Writing_the_debug_switch_toggles_debug_logging()
    {
        Assert.Equal("0\n", _fixture.ReadAll("/.debug"));
        Assert.Equal(0, Fs.Open("/.debug", OpenFlags.O_WRONLY | OpenFlags.O_TRUNC, FileSystemFixture.Root, out var handle, out _));
        Assert.Equal(0, Fs.Truncate("/.debug", 0, FileSystemFixture.Root));
        Assert.Equal(2, Fs.Write("/.debug", "1\n"u8, 0, FileSystemFixture.Root));
        Fs.Release(handle);

        Assert.True(_fixture.Debug.Enabled);
        Assert.Equal("1\n", _fixture.ReadAll("/.debug"));
        Assert.Equal(-Errno.EINVAL, Fs.Write("/.debug", "yes"u8, 0, FileSystemFixture.Root));
        Assert.True(_fixture.Debug.Enabled);
    }
}
