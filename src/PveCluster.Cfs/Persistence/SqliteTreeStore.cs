using Microsoft.Data.Sqlite;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Persistence;

/// <summary>
/// The on-disk form of the tree: one table, one row per entry. WAL with synchronous=FULL makes
/// every committed transaction durable at commit time (the WAL is fsynced on each commit), so a
/// kill -9 or power loss after an acknowledged change never loses it.
/// </summary>
internal sealed class SqliteTreeStore : IDisposable
{
    private const int SchemaVersion = 1;
    private const int DirectoryType = 4; // DT_DIR, as pmxcfs stores it
    private const int FileType = 8;      // DT_REG

    private const string ReplicationTable = "CREATE TABLE IF NOT EXISTS replication (name TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);";

    private readonly SqliteConnection _connection;

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
        using var transaction = _connection.BeginTransaction();
        if (quorateEpoch is { } epoch)
        {
            using var setEpoch = _connection.CreateCommand();
            setEpoch.Transaction = transaction;
            setEpoch.CommandText = "INSERT OR REPLACE INTO replication (name, value) VALUES ('quorate_epoch', $value)";
            setEpoch.Parameters.AddWithValue("$value", unchecked((long)epoch));
            setEpoch.ExecuteNonQuery();
        }

        using (var delete = _connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM tree WHERE inode = $inode";
            var inode = delete.Parameters.Add("$inode", SqliteType.Integer);
            foreach (var removed in changes.Removed)
            {
                inode.Value = unchecked((long)removed);
                delete.ExecuteNonQuery();
            }
        }

        using (var upsert = _connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText =
                "INSERT OR REPLACE INTO tree (inode, parent, version, writer, mtime, type, name, data) " +
                "VALUES ($inode, $parent, $version, $writer, $mtime, $type, $name, $data)";
            var inode = upsert.Parameters.Add("$inode", SqliteType.Integer);
            var parent = upsert.Parameters.Add("$parent", SqliteType.Integer);
            var version = upsert.Parameters.Add("$version", SqliteType.Integer);
            var writer = upsert.Parameters.Add("$writer", SqliteType.Integer);
            var mtime = upsert.Parameters.Add("$mtime", SqliteType.Integer);
            var type = upsert.Parameters.Add("$type", SqliteType.Integer);
            var name = upsert.Parameters.Add("$name", SqliteType.Text);
            var data = upsert.Parameters.Add("$data", SqliteType.Blob);
            foreach (var entry in changes.Upserted)
            {
                inode.Value = unchecked((long)entry.Inode);
                parent.Value = unchecked((long)entry.Parent);
                version.Value = unchecked((long)entry.Version);
                writer.Value = (long)entry.Writer;
                mtime.Value = entry.MTime;
                type.Value = entry.Kind == EntryKind.Directory ? DirectoryType : FileType;
                name.Value = entry.Name;
                data.Value = entry.Kind == EntryKind.Directory ? DBNull.Value : entry.Data;
                upsert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public void Dispose() => _connection.Dispose();

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
