using Microsoft.Extensions.Logging;

namespace PveCluster.Cfs.Persistence;

/// <summary>
/// The database holds all of /etc/pve including priv/ (ticket signing key, CSRF secret), so its
/// files are readable by their owner (root) alone, 0600, as in the reference pmxcfs. A new database
/// file is created with that mode from its first byte, and SQLite gives the -wal and -shm files it
/// creates the database file's mode. Files an older version or a copy left readable by others (the
/// database, its side files, the config.db.bak-* backups that joining a cluster leaves) are narrowed
/// before the database is opened.
/// </summary>
internal static class DatabaseFileModes
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly string[] SqliteSideFiles = ["-wal", "-shm", "-journal"];

    /// <summary>Makes sure the database file exists with mode 0600 and that no file of it, or of its backups, is open to others.</summary>
    public static void Secure(string databasePath, ILogger logger)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        CreateIfMissing(databasePath);
        foreach (var file in FilesOf(databasePath))
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.LinkTarget is not null || info.UnixFileMode == OwnerOnly)
            {
                continue;
            }

            var before = info.UnixFileMode;
            try
            {
                File.SetUnixFileMode(file, OwnerOnly);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigDatabaseException($"cannot restrict '{file}' to mode 0600 (it holds the cluster's secrets): {e.Message}", e);
            }

            logger.LogWarning("restricted {File} from mode {Before} to 0600: it holds the cluster's secrets", file, Octal(before));
        }
    }

    /// <summary>The database, its SQLite side files, and its backups (config.db.bak-*, with their own side files).</summary>
    public static IEnumerable<string> FilesOf(string databasePath)
    {
        var full = Path.GetFullPath(databasePath);
        yield return full;
        foreach (var suffix in SqliteSideFiles)
        {
            yield return full + suffix;
        }

        var directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            yield break;
        }

        foreach (var backup in Directory.EnumerateFiles(directory, Path.GetFileName(full) + ".bak-*").Order(StringComparer.Ordinal))
        {
            yield return backup;
        }
    }

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    private static void CreateIfMissing(string path)
    {
        if (OperatingSystem.IsWindows() || File.Exists(path))
        {
            return;
        }

        // An empty file is an empty SQLite database; creating it here fixes its mode before SQLite writes anything.
        try
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerOnly,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created in the meantime: its mode is narrowed like any existing file's.
        }
    }
}
