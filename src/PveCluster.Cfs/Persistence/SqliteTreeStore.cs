using Microsoft.Data.Sqlite;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Persistence;

/// <summary>
/// The on-disk form of the tree: one table, one row per entry. WAL with synchronous=FULL makes
/// every committed transaction durable at commit time (the WAL is fsynced on each commit), so a
/// kill -9 or power loss after an acknowledged change never loses it. Changes may also be staged
/// in one open transaction and committed together (group commit: one fsync for a batch).
/// </summary>
internal sealed class SqliteTreeStore : IDisposable
{
    private const int SchemaVersion = 1;
    private const int DirectoryType = 4; // DT_DIR, as pmxcfs stores it
    private const int FileType = 8;      // DT_REG

    private const string ReplicationTable = "CREATE TABLE IF NOT EXISTS replication (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);";

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _staged;
    private SqliteCommand? _upsert;
    private SqliteCommand? _delete;

    private SqliteTreeStore(SqliteConnection connection) => _connection = connection;

    public static SqliteTreeStore Open(string path)
    {
        // Pooling off: Dispose must really close the file (tests and restarts reopen it at once).
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadWriteCreate };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, "PRAGMA synchronous=FULL;");
            // Reads are served from the tree in memory; SQLite only writes (a few B-tree pages per
            // operation), so a small page cache does (512 KiB instead of the default 2 MB).
            Execute(connection, "PRAGMA cache_size=-512;");
            var store = new SqliteTreeStore(connection);
            store.EnsureSchema(path);
            return store;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new ConfigDatabaseException($"cannot open config database '{path}': {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public List<EntryData> LoadAll()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT inode, parent, version, writer, mtime, type, name, data FROM tree";
        using var reader = command.ExecuteReader();
        var entries = new List<EntryData>();
        while (reader.Read())
        {
            var inode = unchecked((ulong)reader.GetInt64(0));
            var type = reader.GetInt32(5);
            var kind = type switch
            {
                DirectoryType => EntryKind.Directory,
                FileType => EntryKind.File,
                _ => throw new ConfigDatabaseException($"entry inode {inode} has unknown type {type}"),
            };
            var data = reader.IsDBNull(7) ? [] : (byte[])reader.GetValue(7);
            entries.Add(new EntryData(
                inode,
                unchecked((ulong)reader.GetInt64(1)),
                reader.GetString(6),
                kind,
                unchecked((ulong)reader.GetInt64(2)),
                unchecked((uint)reader.GetInt64(3)),
                reader.GetInt64(4),
                data));
        }

        return entries;
    }

    /// <summary>The persisted replication epoch (see <see cref="ConfigDatabase.QuorateEpoch"/>); 0 when never set.</summary>
    public ulong LoadQuorateEpoch()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM replication WHERE name = 'quorate_epoch'";
        return command.ExecuteScalar() is long value ? unchecked((ulong)value) : 0;
    }

    /// <summary>Writes the changes (and, when given, the quorate epoch) in one transaction; returns only after the commit is durable.</summary>
    public void Write(TreeChangeSet changes, ulong? quorateEpoch = null)
    {
        if (_staged is not null)
        {
            throw new InvalidOperationException("a staged transaction is open: commit it first");
        }

        using var transaction = _connection.BeginTransaction();
        if (quorateEpoch is { } epoch)
        {
            using var setEpoch = _connection.CreateCommand();
            setEpoch.Transaction = transaction;
            setEpoch.CommandText = "INSERT OR REPLACE INTO replication (name, value) VALUES ('quorate_epoch', $value)";
            setEpoch.Parameters.AddWithValue("$value", unchecked((long)epoch));
            setEpoch.ExecuteNonQuery();
        }

        WriteRows(changes, transaction);
        transaction.Commit();
        Commits++;
    }

    /// <summary>Committed transactions (each one fsync), counted for tests and diagnostics.</summary>
    public long Commits { get; private set; }

    /// <summary>True while changes were staged and not yet committed.</summary>
    public bool HasStaged => _staged is not null;

    /// <summary>
    /// Writes the changes into the open group transaction (beginning one when none is open);
    /// nothing of it is durable before <see cref="CommitStaged"/>. On failure the whole group is rolled back.
    /// </summary>
    public void Stage(TreeChangeSet changes)
    {
        _staged ??= _connection.BeginTransaction();
        try
        {
            WriteRows(changes, _staged);
        }
        catch
        {
            RollbackStaged();
            throw;
        }
    }

    /// <summary>Commits the staged group (one fsync for all of it); on failure it is rolled back and the exception rethrown.</summary>
    public void CommitStaged()
    {
        if (_staged is not { } staged)
        {
            return;
        }

        try
        {
            staged.Commit();
            staged.Dispose();
            _staged = null;
            Commits++;
        }
        catch
        {
            RollbackStaged();
            throw;
        }
    }

    /// <summary>Drops the staged group: the disk stays as it was at the last commit.</summary>
    public void RollbackStaged()
    {
        if (_staged is not { } staged)
        {
            return;
        }

        _staged = null;
        try
        {
            staged.Dispose(); // rolls back what was not committed
        }
        catch (SqliteException)
        {
            // A failed commit may already have rolled the transaction back; nothing of it is on disk either way.
        }
    }

    /// <summary>The row statements are prepared once and reused by every transaction.</summary>
    private void WriteRows(TreeChangeSet changes, SqliteTransaction transaction)
    {
        if (changes.Removed.Count > 0)
        {
            var delete = _delete ??= CreateDelete();
            delete.Transaction = transaction;
            foreach (var removed in changes.Removed)
            {
                delete.Parameters[0].Value = unchecked((long)removed);
                delete.ExecuteNonQuery();
            }
        }

        if (changes.Upserted.Count > 0)
        {
            var upsert = _upsert ??= CreateUpsert();
            upsert.Transaction = transaction;
            var p = upsert.Parameters;
            foreach (var entry in changes.Upserted)
            {
                p[0].Value = unchecked((long)entry.Inode);
                p[1].Value = unchecked((long)entry.Parent);
                p[2].Value = unchecked((long)entry.Version);
                p[3].Value = (long)entry.Writer;
                p[4].Value = entry.MTime;
                p[5].Value = entry.Kind == EntryKind.Directory ? DirectoryType : FileType;
                p[6].Value = entry.Name;
                p[7].Value = entry.Kind == EntryKind.Directory ? DBNull.Value : entry.Data;
                upsert.ExecuteNonQuery();
            }
        }
    }

    private SqliteCommand CreateDelete()
    {
        var delete = _connection.CreateCommand();
        delete.CommandText = "DELETE FROM tree WHERE inode = $inode";
        delete.Parameters.Add("$inode", SqliteType.Integer);
        return delete;
    }

    private SqliteCommand CreateUpsert()
    {
        var upsert = _connection.CreateCommand();
        upsert.CommandText =
            "INSERT OR REPLACE INTO tree (inode, parent, version, writer, mtime, type, name, data) " +
            "VALUES ($inode, $parent, $version, $writer, $mtime, $type, $name, $data)";
        upsert.Parameters.Add("$inode", SqliteType.Integer);
        upsert.Parameters.Add("$parent", SqliteType.Integer);
        upsert.Parameters.Add("$version", SqliteType.Integer);
        upsert.Parameters.Add("$writer", SqliteType.Integer);
        upsert.Parameters.Add("$mtime", SqliteType.Integer);
        upsert.Parameters.Add("$type", SqliteType.Integer);
        upsert.Parameters.Add("$name", SqliteType.Text);
        upsert.Parameters.Add("$data", SqliteType.Blob);
        return upsert;
    }

    /// <summary>Closes the file; a staged group that was not committed is lost, as in a crash.</summary>
    public void Dispose()
    {
        RollbackStaged();
        _upsert?.Dispose();
        _delete?.Dispose();
        _connection.Dispose();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private void EnsureSchema(string path)
    {
        using var versionCommand = _connection.CreateCommand();
        versionCommand.CommandText = "PRAGMA user_version";
        var version = Convert.ToInt32(versionCommand.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version == SchemaVersion)
        {
            // Added after schema 1 shipped; an older database simply has no epoch yet (0).
            Execute(_connection, ReplicationTable);
            return;
        }

        if (version != 0)
        {
            throw new ConfigDatabaseException($"config database '{path}' has schema version {version}; this pmxcfs understands {SchemaVersion}");
        }

        using var transaction = _connection.BeginTransaction();
        using var create = _connection.CreateCommand();
        create.Transaction = transaction;
        create.CommandText =
            "CREATE TABLE tree (" +
            " inode INTEGER PRIMARY KEY NOT NULL, parent INTEGER NOT NULL, version INTEGER NOT NULL," +
            " writer INTEGER NOT NULL, mtime INTEGER NOT NULL, type INTEGER NOT NULL, name TEXT NOT NULL, data BLOB);" +
            "INSERT INTO tree (inode, parent, version, writer, mtime, type, name, data) VALUES (0, 0, 0, 0, 0, 4, '', NULL);" +
            ReplicationTable +
            $"PRAGMA user_version = {SchemaVersion};";
        create.ExecuteNonQuery();
        transaction.Commit();
    }
}
