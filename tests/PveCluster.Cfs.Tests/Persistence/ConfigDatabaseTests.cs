using System.Text;
using Microsoft.Data.Sqlite;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Persistence;

public sealed class ConfigDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_database_holds_only_the_root()
    {
        using var db = _dir.Open();
        Assert.Equal(0UL, db.TreeVersion);
        Assert.Empty(db.ListDirectory("/")!);
        Assert.Equal(EntryKind.Directory, db.GetEntry("/")!.Kind);
    }

    [Fact]
    public async Task Reopening_gives_the_identical_tree()
    {
        byte[] digest;
        using (var db = _dir.Open())
        {
            await Populate(db);
            digest = db.ComputeDigest();
        }

        using var reopened = _dir.Open();
        Assert.Equal(digest, reopened.ComputeDigest());
        Assert.Equal("memory: 2048", Encoding.UTF8.GetString(reopened.ReadFile("/nodes/a/qemu-server/100.conf")!.Value.Span));
        Assert.Null(reopened.GetEntry("/gone"));
        Assert.Equal(["a"], reopened.ListDirectory("/nodes")!.Select(e => e.Name));
    }

    [Fact]
    public async Task Changes_are_on_disk_when_acknowledged_even_if_the_process_never_closes_the_database()
    {
        // A copy of the files taken while the connection is still open is what a kill -9 leaves behind.
        var db = _dir.Open();
        await Populate(db);
        var digest = db.ComputeDigest();
        CrashImage.Take(_dir.File("config.db"), _dir.File("crash/config.db"));
        using (var crashed = _dir.Open("crash/config.db"))
        {
            Assert.Equal(digest, crashed.ComputeDigest());
        }

        // A second process opening the live files while the first still holds them sees the same.
        using (var second = _dir.Open())
        {
            Assert.Equal(digest, second.ComputeDigest());
        }

        db.Dispose();
    }

    [Fact]
    public void The_database_uses_WAL_journaling()
    {
        using (_dir.Open())
        {
        }

        using var connection = new SqliteConnection($"Data Source={_dir.File("config.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_clearly()
    {
        File.WriteAllText(_dir.File("config.db"), new string('x', 4096));
        var error = Assert.Throws<ConfigDatabaseException>(() => _dir.Open());
        Assert.Contains(_dir.File("config.db"), error.Message, StringComparison.Ordinal);
        Assert.Contains("not a database", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("INSERT INTO tree VALUES (5, 99, 5, 1, 0, 8, 'orphan', NULL); UPDATE tree SET version = 9 WHERE inode = 0",
        "inode 5 'orphan': parent inode 99 does not exist")]
    [InlineData("INSERT INTO tree VALUES (5, 0, 5, 1, 0, 8, 'x', NULL); INSERT INTO tree VALUES (6, 0, 6, 1, 0, 8, 'x', NULL);" +
        " UPDATE tree SET version = 9 WHERE inode = 0", "name is not unique")]
    [InlineData("INSERT INTO tree VALUES (5, 0, 5, 1, 0, 8, 'x', NULL)", "version 5 is above the tree version 0")]
    [InlineData("INSERT INTO tree VALUES (5, 0, 5, 1, 0, 3, 'x', NULL); UPDATE tree SET version = 9 WHERE inode = 0", "unknown type 3")]
    [InlineData("DELETE FROM tree WHERE inode = 0", "root entry (inode 0) is missing")]
    [InlineData("INSERT INTO tree VALUES (5, 6, 5, 1, 0, 4, 'a', NULL); INSERT INTO tree VALUES (6, 5, 6, 1, 0, 4, 'b', NULL);" +
        " UPDATE tree SET version = 9 WHERE inode = 0", "parent cycle")]
    public void An_inconsistent_tree_is_refused_with_the_reason(string sabotage, string expected)
    {
        using (_dir.Open())
        {
        }

        using (var connection = new SqliteConnection($"Data Source={_dir.File("config.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sabotage;
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<ConfigDatabaseException>(() => _dir.Open());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_disk_write_leaves_memory_unchanged()
    {
        using var db = _dir.Open();
        using var tree = new LocalConfigTree(db);
        await tree.CreateFileAsync("/f", 1, CancellationToken.None);
        var digest = db.ComputeDigest();

        using (var connection = new SqliteConnection($"Data Source={_dir.File("config.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER refuse BEFORE INSERT ON tree BEGIN SELECT RAISE(ABORT, 'disk says no'); END";
            command.ExecuteNonQuery();
        }

        Assert.Equal(CfsError.IoError, await tree.CreateFileAsync("/g", 1, CancellationToken.None));
        Assert.Equal(digest, db.ComputeDigest());
        Assert.Null(db.GetEntry("/g"));
    }

    private static async Task Populate(ConfigDatabase db)
    {
        using var tree = new LocalConfigTree(db, 3);
        var ct = CancellationToken.None;
        foreach (var dir in new[] { "/nodes", "/nodes/a", "/nodes/a/qemu-server" })
        {
            Assert.Equal(CfsError.None, await tree.MakeDirectoryAsync(dir, 10, ct));
        }

        Assert.Equal(CfsError.None, await tree.CreateFileAsync("/nodes/a/qemu-server/100.conf", 11, ct));
        Assert.Equal(CfsError.None, await tree.WriteAsync("/nodes/a/qemu-server/100.conf", 0, "memory: 1024"u8.ToArray(), 12, ct));
        Assert.Equal(CfsError.None, await tree.WriteAsync("/nodes/a/qemu-server/100.conf", 8, "2048"u8.ToArray(), 13, ct));
        Assert.Equal(CfsError.None, await tree.CreateFileAsync("/gone", 14, ct));
        Assert.Equal(CfsError.None, await tree.DeleteAsync("/gone", ct));
        Assert.Equal(CfsError.None, await tree.CreateFileAsync("/tmp.cfg", 15, ct));
        Assert.Equal(CfsError.None, await tree.RenameAsync("/tmp.cfg", "/datacenter.cfg", ct));
    }
}
