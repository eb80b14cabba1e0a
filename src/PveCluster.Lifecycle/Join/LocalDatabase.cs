using System.Globalization;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// This node's pmxcfs database before joining. Joining replaces /etc/pve with the cluster's, so the
/// old database is moved aside (never deleted) and pmxcfs starts empty and syncs from the cluster.
/// </summary>
public static class LocalDatabase
{
    private static readonly string[] SqliteCompanions = ["-wal", "-shm"];

    /// <summary>The database holds this node's priv/ (ticket key, CSRF secret): its backups are root's alone, like the database.</summary>
    public const UnixFileMode BackupMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Moves config.db (and its SQLite -wal/-shm files) to config.db.bak-&lt;time&gt;, mode 0600; null when there was none.
    /// The mode is narrowed before the move, so no backup name is ever readable by others (an older pmxcfs left 0644 files).
    /// </summary>
    public static string? BackUpAndClear(string databasePath, DateTimeOffset now)
    {
        if (!File.Exists(databasePath))
        {
            return null;
        }

        var backup = $"{databasePath}.bak-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        File.SetUnixFileMode(databasePath, BackupMode);
        File.Move(databasePath, backup, overwrite: false);
        foreach (var suffix in SqliteCompanions)
        {
            if (File.Exists(databasePath + suffix))
            {
                File.SetUnixFileMode(databasePath + suffix, BackupMode);
                File.Move(databasePath + suffix, backup + suffix, overwrite: false);
            }
        }

        return backup;
    }
}
