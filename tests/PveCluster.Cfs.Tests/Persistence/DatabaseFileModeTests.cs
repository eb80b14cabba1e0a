using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Persistence;

/// <summary>
/// The database holds priv/ (ticket signing key, CSRF secret): none of its files may be readable by
/// other users. The test process keeps its usual umask (022), so every 0600 seen here comes from
/// pmxcfs' own handling, not from a restrictive mask.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class DatabaseFileModeTests : IDisposable
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode WorldReadable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_new_database_and_its_wal_and_shm_files_are_0600_while_in_use()
    {
        using var db = _dir.Open();
        using var tree = new LocalConfigTree(db, 1);
        Assert.Equal(CfsError.None, await tree.CreateFileAsync("/secret", 100, CancellationToken.None));

        foreach (var name in new[] { "config.db", "config.db-wal", "config.db-shm" })
        {
            Assert.True(File.Exists(_dir.File(name)), $"{name} should exist while the database is open");
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(_dir.File(name)));
        }
    }

    [Fact]
    public void An_existing_world_readable_database_its_side_files_and_backups_are_narrowed_on_open()
    {
        using (_dir.Open())
        {
        }

        string[] readable =
        [
            "config.db", "config.db-wal", "config.db-shm",
            "config.db.bak-20260101120000", "config.db.bak-20260101120000-wal", "config.db.bak-20260101120000-shm",
        ];
        foreach (var name in readable)
        {
            if (!File.Exists(_dir.File(name)))
            {
                File.WriteAllBytes(_dir.File(name), []);
            }

            File.SetUnixFileMode(_dir.File(name), WorldReadable);
        }

        File.WriteAllText(_dir.File("unrelated.txt"), "not ours");
        File.SetUnixFileMode(_dir.File("unrelated.txt"), WorldReadable);

        using var db = _dir.Open();

        Assert.All(readable, name => Assert.Equal(OwnerOnly, File.GetUnixFileMode(_dir.File(name))));
        Assert.Equal(WorldReadable, File.GetUnixFileMode(_dir.File("unrelated.txt")));
        Assert.Equal(0UL, db.TreeVersion);
    }

    [Fact]
    public void A_symbolic_link_among_the_backups_is_left_alone_and_its_target_unchanged()
    {
        File.WriteAllText(_dir.File("elsewhere"), "x");
        File.SetUnixFileMode(_dir.File("elsewhere"), WorldReadable);
        File.CreateSymbolicLink(_dir.File("config.db.bak-link"), _dir.File("elsewhere"));

        using var db = _dir.Open();

        Assert.Equal(WorldReadable, File.GetUnixFileMode(_dir.File("elsewhere")));
        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_dir.File("config.db")));
    }

    [Fact]
    public void The_database_file_is_never_visible_with_a_wider_mode_than_0600()
    {
        // Created before SQLite touches it, so there is no moment with the default 0644.
        DatabaseFileModes.Secure(_dir.File("fresh.db"), NullLogger.Instance);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(_dir.File("fresh.db")));
        Assert.Empty(File.ReadAllBytes(_dir.File("fresh.db")));
        using var db = _dir.Open("fresh.db");
        Assert.Equal(0UL, db.TreeVersion);
    }
}
