using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Persistence;

/// <summary>The WAL is checkpointed when the daemon is idle, not inside the commits writers wait for.</summary>
public sealed class CheckpointTests : IDisposable
{
    private const int WalPageBytes = 4096;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Commits_do_not_checkpoint_a_wal_of_a_few_thousand_pages()
    {
        using var db = _dir.Open();
        WriteGroups(db, groups: 30, filesPerGroup: 100);

        // SQLite's default would have checkpointed and restarted the WAL at 1000 pages, so it
        // would never have grown past about one group beyond that.
        Assert.True(WalBytes() > 2500L * WalPageBytes, $"WAL holds {WalBytes()} bytes: a commit checkpointed it");
    }

    [Fact]
    public void An_idle_checkpoint_empties_the_wal_and_keeps_every_commit()
    {
        byte[] digest;
        using (var db = _dir.Open())
        {
            WriteGroups(db, groups: 3, filesPerGroup: 50);
            digest = db.ComputeDigest();

            Assert.True(WalBytes() > 0);
            Assert.True(db.Checkpoint());
            Assert.Equal(0, WalBytes());
        }

        using var reopened = _dir.Open();
        Assert.Equal(digest, reopened.ComputeDigest());
    }

    [Fact]
    public void A_checkpoint_waits_for_no_staged_group_and_leaves_it_staged()
    {
        using var db = _dir.Open();
        Assert.Equal(CfsError.None, db.Apply(new MakeDirectoryOperation("/committed", 1), 1, 1));
        Assert.Equal(CfsError.None, db.Stage(new MakeDirectoryOperation("/staged", 2), 1, 2));

        Assert.False(db.Checkpoint());
        Assert.True(db.HasStaged);
        Assert.True(WalBytes() > 0);
        db.CommitStaged();
        Assert.True(db.Checkpoint());
        Assert.Equal(0, WalBytes());
    }

    /// <summary>Each group is one transaction of <paramref name="filesPerGroup"/> 4 KiB files (two WAL pages each at least).</summary>
    private static void WriteGroups(ConfigDatabase db, int groups, int filesPerGroup)
    {
        var data = new byte[WalPageBytes];
        long mtime = 0;
        for (var group = 0; group < groups; group++)
        {
            for (var file = 0; file < filesPerGroup; file++)
            {
                var path = $"/g{group}-f{file}";
                Assert.Equal(CfsError.None, db.Stage(new CreateFileOperation(path, ++mtime), 1, mtime));
                Assert.Equal(CfsError.None, db.Stage(new WriteOperation(path, 0, data, ++mtime), 1, mtime));
            }

            db.CommitStaged();
        }
    }

    private long WalBytes()
    {
        var wal = new FileInfo(_dir.File("config.db") + "-wal");
        return wal.Exists ? wal.Length : 0;
    }
}
