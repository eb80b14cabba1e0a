using System.Globalization;

namespace PveCluster.Lifecycle.Join;

/// <summary>
/// This node's pmxcfs database before joining. Joining replaces /etc/pve with the cluster's, so the
/// old database is moved aside (never deleted) and pmxcfs starts empty and syncs from the cluster.
/// </summary>
public static class LocalDatabase
{
    private static readonly string[] SqliteCompanions = ["-wal", "-shm"];

    /// <summary>Moves config.db (and its SQLite -wal/-shm files) to config.db.bak-&lt;time&gt;; null when there was none.</summary>
    public static string? BackUpAndClear(string databasePath, DateTimeOffset now)
    {
        if (!File.Exists(databasePath))
        {
            return null;
        }

        var backup = $"{databasePath}.bak-{now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}";
        File.Move(databasePath, backup, overwrite: false);
        foreach (var suffix in SqliteCompanions)
        {
            if (File.Exists(databasePath + suffix))
            {
                File.Move(databasePath + suffix, backup + suffix, overwrite: false);
            }
        }

        return backup;
    }
}
