using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Persistence;

/// <summary>
/// The tree in memory backed by SQLite (pmxcfs' "memdb"). Reads are served from memory under a
/// read lock and never wait for the disk. Changes are serialised, written to SQLite in one
/// transaction, and only then made visible in memory, so whatever a caller was told succeeded
/// is on disk, and a failed disk write leaves the tree unchanged.
/// </summary>
public sealed partial class ConfigDatabase : IDisposable
{
    /// <summary>Where Proxmox keeps the database.</summary>
    public const string DefaultPath = "/var/lib/pve-cluster/config.db";

    private readonly SqliteTreeStore _store;
    private readonly ILogger _logger;
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private bool _disposed;
    private readonly Lock _writeGate = new();
    private TreeState _state;

    private ConfigDatabase(string path, SqliteTreeStore store, TreeState state, ulong quorateEpoch, TreeLimits limits, ILogger logger)
    {
        Path = path;
        QuorateEpoch = quorateEpoch;
        _store = store;
        _state = state;
        Limits = limits;
        _logger = logger;
    }

    public string Path { get; }

    public TreeLimits Limits { get; }

    /// <summary>
    /// The replication epoch of the tree: how many quorate configurations completed a sync in the
    /// history this tree descends from. Persisted together with the tree it belongs to.
    /// </summary>
    public ulong QuorateEpoch { get; private set; }

    /// <summary>
    /// Raised with the paths touched by every applied change, outside any lock (but under the write
    /// gate when a failed group commit takes changes back): handlers must not block or write.
    /// </summary>
    internal event Action<IReadOnlyList<string>>? Applied;

    /// <summary>
    /// Opens (or creates) the database, loads the whole tree and checks it.
    /// Throws <see cref="ConfigDatabaseException"/> with a description of the first problems when the file is unusable.
    /// </summary>
    public static ConfigDatabase Open(string path, TreeLimits limits, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(logger);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        DatabaseFileModes.Secure(path, logger);
        var store = SqliteTreeStore.Open(path);
        try
        {
            List<EntryData> entries;
            ulong quorateEpoch;
            try
            {
                entries = store.LoadAll();
                quorateEpoch = store.LoadQuorateEpoch();
            }
            catch (SqliteException e)
            {
                throw new ConfigDatabaseException($"cannot read config database '{path}': {e.Message}", e);
            }

            var problems = TreeConsistency.Check(entries, limits);
            if (problems.Count > 0)
            {
                throw new ConfigDatabaseException(
                    $"config database '{path}' is inconsistent ({problems.Count} problems): {string.Join("; ", problems.Take(10))}");
            }

            var state = TreeState.FromEntries(entries);
            logger.LogInformation("loaded config database {Path}: {Count} entries, version {Version}, quorate epoch {Epoch}",
                path, state.Count, state.Version, quorateEpoch);
            return new ConfigDatabase(path, store, state, quorateEpoch, limits, logger);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public ulong TreeVersion => Read(s => s.Version);

    public TreeEntry? GetEntry(string path) => Read(s => Lookup(s, path)?.ToTreeEntry());

    public IReadOnlyList<TreeEntry>? ListDirectory(string path) =>
        Read(s => Lookup(s, path) is { Kind: EntryKind.Directory } dir
            ? s.Children(dir.Inode).OrderBy(e => e.Name, StringComparer.Ordinal).Select(e => e.ToTreeEntry()).ToList()
            : null);

    public ReadOnlyMemory<byte>? ReadFile(string path) =>
        Read(s => Lookup(s, path) is { Kind: EntryKind.File } file ? new ReadOnlyMemory<byte>(file.Data) : (ReadOnlyMemory<byte>?)null);

    /// <summary>A SHA-256 over every entry; equal on two nodes exactly when their trees are identical.</summary>
    public byte[] ComputeDigest() => Read(TreeDigest.Compute);

    /// <summary>
    /// Applies one ordered operation: plan, persist, then publish in memory. When
    /// <paramref name="undo"/> is given it receives the changed entries as they were before (null for created ones).
    /// Durable on return (changes staged before are committed first).
    /// </summary>
    internal CfsError Apply(TreeOperation operation, uint writer, long timestamp, Action<IReadOnlyList<(ulong Inode, EntryData? Before)>>? undo = null) =>
        Apply(operation, writer, timestamp, undo, stage: false);

    private CfsError Apply(TreeOperation operation, uint writer, long timestamp, Action<IReadOnlyList<(ulong Inode, EntryData? Before)>>? undo, bool stage)
    {
        TreeChangeSet changes;
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var plan = operation.Plan(new TreePlanner(_state, Limits, writer, timestamp));
            if (plan.Reason is { } reason)
            {
                // Logged where the operation is applied, so every node records the same refusal.
                _logger.LogWarning("refused a change by node {Writer}: {Reason} ({Error})", writer, reason, plan.Error);
            }

            if (plan.Error != CfsError.None || plan.Changes.IsEmpty)
            {
                return plan.Error;
            }

            changes = plan.Changes;
            var before = changes.Upserted.Select(e => e.Inode).Concat(changes.Removed).Distinct().Select(i => (i, _state.Get(i))).ToList();
            undo?.Invoke(before);
            if (stage)
            {
                StageLocked(changes, before);
            }
            else
            {
                CommitStagedLocked();
                _store.Write(changes);
            }

            Publish(s => s.Apply(changes));
        }

        Applied?.Invoke(changes.ChangedPaths);
        return CfsError.None;
    }

    /// <summary>A private copy of the current tree (for building a sync result off to the side).</summary>
    internal TreeState Snapshot() => Read(s => s.Clone());

    /// <summary>Runs <paramref name="action"/> on the current tree while no change can happen.</summary>
    internal T Read<T>(Func<TreeState, T> action)
    {
        _lock.EnterReadLock();
        try
        {
            return action(_state);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Replaces the whole tree (the end of a sync): persists the difference and the quorate epoch
    /// in one transaction, then switches. Returns the changed paths.
    /// </summary>
    internal IReadOnlyList<string> Replace(TreeState next, ulong quorateEpoch)
    {
        TreeChangeSet changes;
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitStagedLocked();
            changes = SwitchTo(next, quorateEpoch);
        }

        _logger.LogInformation("tree replaced by sync: {Changed} entries written, {Removed} removed, version {Version}, quorate epoch {Epoch}",
            changes.Upserted.Count, changes.Removed.Count, next.Version, quorateEpoch);
        if (!changes.IsEmpty)
        {
            Applied?.Invoke(changes.ChangedPaths);
        }

        return changes.ChangedPaths;
    }

    /// <summary>Persists a new quorate epoch for the current tree (a quorate configuration completed its sync).</summary>
    internal void SetQuorateEpoch(ulong quorateEpoch)
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitStagedLocked();
            SwitchTo(_state, quorateEpoch);
        }
    }

    /// <summary>
    /// Puts the given entries back as they were (null: the entry did not exist), undoing applied
    /// operations; the version counter goes back with the root entry. Returns the changed paths.
    /// </summary>
    internal IReadOnlyList<string> Restore(IReadOnlyDictionary<ulong, EntryData?> before)
    {
        TreeChangeSet changes;
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitStagedLocked();
            var entries = WithEntriesRestored(before);
            changes = SwitchTo(entries, QuorateEpoch);
        }

        if (!changes.IsEmpty)
        {
            Applied?.Invoke(changes.ChangedPaths);
        }

        return changes.ChangedPaths;
    }

    /// <summary>The current tree with the given entries put back as they were (null: the entry did not exist), checked for consistency.</summary>
    private TreeState WithEntriesRestored(IReadOnlyDictionary<ulong, EntryData?> before)
    {
        var entries = _state.Entries.ToDictionary(e => e.Inode);
        foreach (var (inode, entry) in before)
        {
            if (entry is null)
            {
                entries.Remove(inode);
            }
            else
            {
                entries[inode] = entry;
            }
        }

        var problems = TreeConsistency.Check(entries.Values.ToList(), Limits);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"undoing operations would leave an inconsistent tree: {string.Join("; ", problems.Take(5))}");
        }

        return TreeState.FromEntries(entries.Values);
    }

    private TreeChangeSet SwitchTo(TreeState next, ulong quorateEpoch)
    {
        var changes = TreeChangeSet.Between(_state, next);
        if (!changes.IsEmpty || quorateEpoch != QuorateEpoch)
        {
            _store.Write(changes, quorateEpoch);
        }

        _lock.EnterWriteLock();
        try
        {
            _state = next;
            QuorateEpoch = quorateEpoch;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return changes;
    }

    public void Dispose()
    {
        // Under the write gate: a change still being applied on another thread (a FUSE write,
        // the base-tree service) must finish before the SQLite connection goes away, and none
        // may start afterwards. The reader/writer lock is left to the GC on purpose: a reader may
        // still hold it, and disposing a held ReaderWriterLockSlim throws.
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            CommitStagedOnClose();
            _store.Dispose();
        }
    }

    private static EntryData? Lookup(TreeState state, string path) =>
        TreePath.TrySplit(path, int.MaxValue, out var components) == CfsError.None ? state.Resolve(components) : null;

    private void Publish(Action<TreeState> change)
    {
        _lock.EnterWriteLock();
        try
        {
            change(_state);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
