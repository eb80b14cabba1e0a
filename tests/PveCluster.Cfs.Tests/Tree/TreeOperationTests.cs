using System.Text;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Tree;

public sealed class TreeOperationTests : IDisposable
{
    private readonly LocalTreeFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Create_makes_an_empty_file_whose_inode_is_the_new_tree_version()
    {
        Assert.Equal(CfsError.None, await _f.Create("/a.cfg"));

        var entry = _f.Tree.GetEntry("/a.cfg")!;
        Assert.Equal(EntryKind.File, entry.Kind);
        Assert.Equal(0, entry.Size);
        Assert.Equal(1UL, _f.Tree.TreeVersion);
        Assert.Equal(1UL, entry.Inode);
        Assert.Equal(1UL, entry.Version);
        Assert.Equal(7U, entry.Writer);
        Assert.Equal(100, entry.MTime);
        Assert.Equal(0UL, entry.Parent);
    }

    [Fact]
    public async Task Every_change_takes_the_next_global_version()
    {
        await _f.MkdirAll("/d");
        await _f.CreateWith("/d/x", "1");
        Assert.Equal(3UL, _f.Tree.TreeVersion);
        Assert.Equal(3UL, _f.Tree.GetEntry("/d/x")!.Version);
        Assert.Equal(2UL, _f.Tree.GetEntry("/d/x")!.Inode);
        Assert.Equal(1UL, _f.Tree.GetEntry("/d")!.Version);
        Assert.Equal(3UL, _f.Tree.GetEntry("/")!.Version);
    }

    [Theory]
    [InlineData("/missing/x", CfsError.NotFound)]
    [InlineData("/f/x", CfsError.NotDirectory)]
    [InlineData("/f", CfsError.Exists)]
    [InlineData("/", CfsError.Exists)]
    [InlineData("relative", CfsError.InvalidArgument)]
    [InlineData("/a//b", CfsError.InvalidArgument)]
    [InlineData("/a/../b", CfsError.InvalidArgument)]
    public async Task Create_errors(string path, CfsError expected)
    {
        await _f.CreateWith("/f", "x");
        var version = _f.Tree.TreeVersion;

        Assert.Equal(expected, await _f.Create(path));
        Assert.Equal(version, _f.Tree.TreeVersion);
    }

    [Fact]
    public async Task Names_longer_than_255_bytes_are_refused()
    {
        Assert.Equal(CfsError.None, await _f.Create("/" + new string('a', 255)));
        Assert.Equal(CfsError.NameTooLong, await _f.Create("/" + new string('b', 256)));
        Assert.Equal(CfsError.NameTooLong, await _f.Mkdir("/" + new string('é', 128)));
        Assert.Equal(CfsError.NameTooLong, await _f.Rename("/" + new string('a', 255), "/" + new string('c', 300)));
    }

    [Fact]
    public async Task Write_at_an_offset_grows_the_file_and_zero_fills_the_hole()
    {
        await _f.CreateWith("/f", "ab");
        Assert.Equal(CfsError.None, await _f.Write("/f", "Z", offset: 5));

        Assert.Equal("ab\0\0\0Z", _f.Text("/f"));
        Assert.Equal(6, _f.Tree.GetEntry("/f")!.Size);
        Assert.Equal(200, _f.Tree.GetEntry("/f")!.MTime);
    }

    [Fact]
    public async Task An_empty_write_beyond_the_end_updates_mtime_but_does_not_grow()
    {
        await _f.CreateWith("/f", "ab");
        Assert.Equal(CfsError.None, await _f.Tree.WriteAsync("/f", 10, ReadOnlyMemory<byte>.Empty, 500, CancellationToken.None));
        Assert.Equal("ab", _f.Text("/f"));
        Assert.Equal(500, _f.Tree.GetEntry("/f")!.MTime);
    }

    [Fact]
    public async Task Write_overwrites_in_place_without_shrinking()
    {
        await _f.CreateWith("/f", "hello world");
        Assert.Equal(CfsError.None, await _f.Write("/f", "HE"));
        Assert.Equal("HEllo world", _f.Text("/f"));
    }

    [Fact]
    public async Task Write_errors()
    {
        await _f.MkdirAll("/d");
        Assert.Equal(CfsError.NotFound, await _f.Write("/nope", "x"));
        Assert.Equal(CfsError.IsDirectory, await _f.Write("/d", "x"));
        await _f.CreateWith("/f", "x");
        Assert.Equal(CfsError.InvalidArgument, await _f.Write("/f", "x", offset: -1));
    }

    [Fact]
    public async Task Truncate_shrinks_and_grows_with_zeros()
    {
        await _f.CreateWith("/f", "abcdef");
        Assert.Equal(CfsError.None, await _f.Tree.TruncateAsync("/f", 2, 300, CancellationToken.None));
        Assert.Equal("ab", _f.Text("/f"));
        Assert.Equal(CfsError.None, await _f.Tree.TruncateAsync("/f", 4, 300, CancellationToken.None));
        Assert.Equal("ab\0\0", _f.Text("/f"));
        Assert.Equal(300, _f.Tree.GetEntry("/f")!.MTime);

        await _f.MkdirAll("/d");
        Assert.Equal(CfsError.IsDirectory, await _f.Tree.TruncateAsync("/d", 0, 1, CancellationToken.None));
        Assert.Equal(CfsError.NotFound, await _f.Tree.TruncateAsync("/x", 0, 1, CancellationToken.None));
        Assert.Equal(CfsError.InvalidArgument, await _f.Tree.TruncateAsync("/f", -1, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Mkdir_and_list()
    {
        await _f.MkdirAll("/nodes", "/nodes/b", "/nodes/a");
        await _f.CreateWith("/nodes/z.txt", "1");

        var names = _f.Tree.ListDirectory("/nodes")!.Select(e => e.Name);
        Assert.Equal(["a", "b", "z.txt"], names);
        Assert.Null(_f.Tree.ListDirectory("/nodes/z.txt"));
        Assert.Null(_f.Tree.ListDirectory("/none"));
        Assert.Equal(CfsError.Exists, await _f.Mkdir("/nodes/a"));
        Assert.Equal(CfsError.NotFound, await _f.Mkdir("/x/y"));
    }

    [Fact]
    public async Task Delete_removes_files_and_empty_directories_only()
    {
        await _f.MkdirAll("/d", "/e");
        await _f.CreateWith("/d/f", "x");

        Assert.Equal(CfsError.NotEmpty, await _f.Delete("/d"));
        Assert.Equal(CfsError.None, await _f.Delete("/d/f"));
        Assert.Null(_f.Tree.GetEntry("/d/f"));
        Assert.Equal(CfsError.None, await _f.Delete("/d"));
        Assert.Equal(CfsError.NotFound, await _f.Delete("/d"));
        Assert.Equal(CfsError.NotPermitted, await _f.Delete("/"));
        Assert.NotNull(_f.Tree.GetEntry("/e"));
    }

    [Fact]
    public async Task Delete_bumps_the_tree_version()
    {
        await _f.CreateWith("/f", "x");
        var before = _f.Tree.TreeVersion;
        await _f.Delete("/f");
        Assert.Equal(before + 1, _f.Tree.TreeVersion);
    }

    [Fact]
    public async Task Rename_moves_keeps_the_inode_and_replaces_an_existing_file()
    {
        await _f.MkdirAll("/d");
        await _f.CreateWith("/f.tmp", "new");
        await _f.CreateWith("/d/f", "old");
        var inode = _f.Tree.GetEntry("/f.tmp")!.Inode;

        Assert.Equal(CfsError.None, await _f.Rename("/f.tmp", "/d/f"));

        Assert.Null(_f.Tree.GetEntry("/f.tmp"));
        Assert.Equal("new", _f.Text("/d/f"));
        Assert.Equal(inode, _f.Tree.GetEntry("/d/f")!.Inode);
        Assert.Single(_f.Tree.ListDirectory("/d")!);
    }

    [Fact]
    public async Task Rename_of_a_directory_carries_its_subtree()
    {
        await _f.MkdirAll("/a", "/a/b");
        await _f.CreateWith("/a/b/c", "deep");
        Assert.Equal(CfsError.None, await _f.Rename("/a", "/z"));
        Assert.Equal("deep", _f.Text("/z/b/c"));
        Assert.Null(_f.Tree.GetEntry("/a"));
    }

    [Fact]
    public async Task Rename_errors()
    {
        await _f.MkdirAll("/d", "/full", "/empty", "/d/sub");
        await _f.CreateWith("/full/x", "1");
        await _f.CreateWith("/f", "1");
        var version = _f.Tree.TreeVersion;

        Assert.Equal(CfsError.NotFound, await _f.Rename("/missing", "/y"));
        Assert.Equal(CfsError.NotFound, await _f.Rename("/f", "/nodir/y"));
        Assert.Equal(CfsError.NotDirectory, await _f.Rename("/f", "/f/y"));
        Assert.Equal(CfsError.IsDirectory, await _f.Rename("/f", "/d"));
        Assert.Equal(CfsError.NotDirectory, await _f.Rename("/d", "/f"));
        Assert.Equal(CfsError.NotEmpty, await _f.Rename("/d", "/full"));
        Assert.Equal(CfsError.InvalidArgument, await _f.Rename("/d", "/d/sub/inside"));
        Assert.Equal(CfsError.InvalidArgument, await _f.Rename("/", "/x"));
        Assert.Equal(version, _f.Tree.TreeVersion);

        Assert.Equal(CfsError.None, await _f.Rename("/d", "/empty"));
        Assert.NotNull(_f.Tree.GetEntry("/empty/sub"));
    }

    [Fact]
    public async Task Rename_onto_itself_changes_nothing()
    {
        await _f.CreateWith("/f", "1");
        var version = _f.Tree.TreeVersion;
        Assert.Equal(CfsError.None, await _f.Rename("/f", "/f"));
        Assert.Equal(version, _f.Tree.TreeVersion);
    }

    [Fact]
    public async Task SetModificationTime_changes_mtime_and_version()
    {
        await _f.CreateWith("/f", "1");
        Assert.Equal(CfsError.None, await _f.Tree.SetModificationTimeAsync("/f", 12345, CancellationToken.None));
        Assert.Equal(12345, _f.Tree.GetEntry("/f")!.MTime);
        Assert.Equal(_f.Tree.TreeVersion, _f.Tree.GetEntry("/f")!.Version);
        Assert.Equal(CfsError.NotFound, await _f.Tree.SetModificationTimeAsync("/g", 1, CancellationToken.None));
    }

    [Fact]
    public async Task Changed_reports_the_paths_of_applied_changes()
    {
        var seen = new List<string>();
        _f.Tree.Changed += (_, e) => seen.Add(e.Path);
        await _f.CreateWith("/f", "1");
        await _f.Rename("/f", "/g");
        await _f.Delete("/missing");

        Assert.Equal(["/f", "/f", "/f", "/g"], seen);
    }

    [Fact]
    public async Task Reads_return_the_content_and_null_for_directories_or_missing_paths()
    {
        await _f.MkdirAll("/d");
        await _f.CreateWith("/d/f", "content");
        Assert.Equal("content", Encoding.UTF8.GetString(_f.Tree.ReadFile("/d/f")!.Value.Span));
        Assert.Null(_f.Tree.ReadFile("/d"));
        Assert.Null(_f.Tree.ReadFile("/nope"));
        Assert.Null(_f.Tree.GetEntry("bad path"));
        Assert.True(_f.Tree.IsWritable);
    }
}
