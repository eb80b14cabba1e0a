using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

public sealed class TreeLimitTests
{
    [Fact]
    public async Task A_file_may_hold_exactly_1_MiB_but_not_one_byte_more()
    {
        using var f = new LocalTreeFixture();
        await f.CreateWith("/f", "x");
        var version = f.Tree.TreeVersion;

        Assert.Equal(CfsError.FileTooBig, await f.Tree.WriteAsync("/f", 0, new byte[(1 << 20) + 1], 1, CancellationToken.None));
        Assert.Equal(CfsError.FileTooBig, await f.Tree.WriteAsync("/f", 1 << 20, new byte[1], 1, CancellationToken.None));
        Assert.Equal(CfsError.FileTooBig, await f.Tree.TruncateAsync("/f", (1 << 20) + 1, 1, CancellationToken.None));
        Assert.Equal(version, f.Tree.TreeVersion);
        Assert.Equal("x", f.Text("/f"));

        Assert.Equal(CfsError.None, await f.Tree.WriteAsync("/f", 0, new byte[1 << 20], 1, CancellationToken.None));
        Assert.Equal(1 << 20, f.Tree.GetEntry("/f")!.Size);
    }

    [Fact]
    public async Task The_total_size_limit_refuses_growth_and_changes_nothing()
    {
        using var f = new LocalTreeFixture(new TreeLimits(MaxFileSize: 100, MaxTotalSize: 150, MaxInodes: 100, MaxNameLength: 255));
        await f.CreateWith("/a", new string('a', 100));
        await f.CreateWith("/b", new string('b', 50));
        var version = f.Tree.TreeVersion;

        Assert.Equal(CfsError.NoSpace, await f.Write("/b", "c", offset: 50));
        Assert.Equal(CfsError.NoSpace, await f.Tree.TruncateAsync("/b", 51, 1, CancellationToken.None));
        Assert.Equal(version, f.Tree.TreeVersion);
        Assert.Equal(50, f.Tree.GetEntry("/b")!.Size);

        // Shrinking one file frees room for another.
        Assert.Equal(CfsError.None, await f.Tree.TruncateAsync("/a", 10, 1, CancellationToken.None));
        Assert.Equal(CfsError.None, await f.Write("/b", new string('c', 50), offset: 50));
    }

    [Fact]
    public async Task The_inode_limit_counts_files_and_directories()
    {
        using var f = new LocalTreeFixture(new TreeLimits(MaxFileSize: 100, MaxTotalSize: 1000, MaxInodes: 3, MaxNameLength: 255));
        Assert.Equal(CfsError.None, await f.Mkdir("/d"));
        Assert.Equal(CfsError.None, await f.Create("/f"));
        Assert.Equal(CfsError.NoSpace, await f.Create("/g"));
        Assert.Equal(CfsError.NoSpace, await f.Mkdir("/e"));
        Assert.Null(f.Tree.GetEntry("/g"));

        Assert.Equal(CfsError.None, await f.Delete("/f"));
        Assert.Equal(CfsError.None, await f.Create("/g"));
    }
}
