using System.Text;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Persistence;

/// <summary>Operations staged into one transaction: visible at once, durable only together, at the commit.</summary>
public sealed class GroupCommitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Staged_operations_are_visible_at_once_and_on_disk_only_after_one_commit()
    {
        using var db = _dir.Open();
        var commits = db.Commits;
        Assert.Equal(CfsError.None, db.Stage(new MakeDirectoryOperation("/a", 1), 1, 1));
        Assert.Equal(CfsError.None, db.Stage(new CreateFileOperation("/a/f", 2), 1, 2));
        Assert.Equal(CfsError.None, db.Stage(new WriteOperation("/a/f", 0, "x=1"u8.ToArray(), 3), 1, 3));

        Assert.Equal("x=1", Text(db, "/a/f"));
        Assert.True(db.HasStaged);
        Assert.Null(ImageEntry("before", "/a"));

        db.CommitStaged();
        Assert.False(db.HasStaged);
        Assert.Equal(commits + 1, db.Commits);
        using var image = Image("after");
        Assert.Equal("x=1", Text(image, "/a/f"));
        Assert.Equal(db.ComputeDigest(), image.ComputeDigest());
    }

    [Fact]
    public void A_crash_before_the_commit_leaves_the_tree_of_the_last_commit()
    {
        var db = _dir.Open();
        Assert.Equal(CfsError.None, db.Apply(new MakeDirectoryOperation("/kept", 1), 1, 1));
        var committed = db.ComputeDigest();
        Assert.Equal(CfsError.None, db.Stage(new MakeDirectoryOperation("/lost", 2), 1, 2));

        using (var image = Image("crash"))
        {
            Assert.Equal(committed, image.ComputeDigest());
            Assert.NotNull(image.GetEntry("/kept"));
            Assert.Null(image.GetEntry("/lost"));
        }

        db.Dispose();
    }

    [Fact]
    public void Any_other_change_commits_the_staged_operations_first()
    {
        using var db = _dir.Open();
        Assert.Equal(CfsError.None, db.Stage(new MakeDirectoryOperation("/staged", 1), 1, 1));
        Assert.Equal(CfsError.None, db.Apply(new MakeDirectoryOperation("/direct", 2), 1, 2));

        Assert.False(db.HasStaged);
        using var image = Image("after");
        Assert.NotNull(image.GetEntry("/staged"));
        Assert.NotNull(image.GetEntry("/direct"));
        Assert.Equal(db.ComputeDigest(), image.ComputeDigest());
    }

    [Fact]
    public void A_refused_operation_stages_nothing()
    {
        using var db = _dir.Open();
        Assert.Equal(CfsError.NotFound, db.Stage(new CreateFileOperation("/missing/f", 1), 1, 1));
        Assert.False(db.HasStaged);
    }

    private ConfigDatabase Image(string name)
    {
        CrashImage.Take(_dir.File("config.db"), _dir.File($"{name}/config.db"));
        return _dir.Open($"{name}/config.db");
    }

    private TreeEntry? ImageEntry(string name, string path)
    {
        using var image = Image(name);
        return image.GetEntry(path);
    }

    private static string? Text(ConfigDatabase db, string path) =>
        db.ReadFile(path) is { } data ? Encoding.UTF8.GetString(data.Span) : null;
}
