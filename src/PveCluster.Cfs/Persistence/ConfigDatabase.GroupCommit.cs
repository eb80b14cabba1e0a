using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Persistence;

/// <summary>
/// Group commit: operations delivered together are applied one by one (each visible in memory at
/// once, so the next one plans against it) into one open SQLite transaction, which is committed
/// (one fsync) when the batch ends. Nothing that depends on durability may happen in between:
/// the replication layer acknowledges an operation, to its writer or to the other members, only
/// after <see cref="CommitStaged"/> returned. A commit that fails puts memory back to the last
/// commit, so memory never holds more than the disk once the failure is reported.
/// </summary>
public sealed partial class ConfigDatabase
{
    /// <summary>The entries the staged operations changed, as they were at the last commit (first seen wins).</summary>
    private readonly Dictionary<ulong, EntryData?> _stagedBefore = [];

    /// <summary>Committed transactions (each one fsync); for tests and diagnostics.</summary>
    internal long Commits
    {
        get
        {
            lock (_writeGate)
            {
                return _store.Commits;
            }
        }
    }

    /// <summary>True while applied operations wait for <see cref="CommitStaged"/>.</summary>
    internal bool HasStaged
    {
        get
        {
            lock (_writeGate)
            {
                return _store.HasStaged;
            }
        }
    }

    /// <summary>
    /// Applies one ordered operation to memory and to the open group transaction; it is durable
    /// only once <see cref="CommitStaged"/> returned. Every other change commits the group first.
    /// </summary>
    internal CfsError Stage(TreeOperation operation, uint writer, long timestamp, Action<IReadOnlyList<(ulong Inode, EntryData? Before)>>? undo = null) =>
        Apply(operation, writer, timestamp, undo, stage: true);

    /// <summary>
    /// Makes every staged operation durable in one transaction. Throws <see cref="SqliteException"/>
    /// when the disk refuses; memory is then back at the last commit.
    /// </summary>
    internal void CommitStaged()
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            CommitStagedLocked();
        }
    }

    private void StageLocked(TreeChangeSet changes, IReadOnlyList<(ulong Inode, EntryData? Before)> before)
    {
        try
        {
            _store.Stage(changes);
        }
        catch (SqliteException)
        {
            // The store rolled the whole group back: so does memory.
            DiscardStagedInMemory();
            throw;
        }

        foreach (var (inode, entry) in before)
        {
            _stagedBefore.TryAdd(inode, entry);
        }
    }

    private void CommitStagedLocked()
    {
        if (!_store.HasStaged)
        {
            return;
        }

        try
        {
            _store.CommitStaged();
        }
        catch (SqliteException)
        {
            DiscardStagedInMemory();
            throw;
        }

        _stagedBefore.Clear();
    }

    /// <summary>The disk holds the last commit only: memory goes back to it, and readers are told what changed.</summary>
    private void DiscardStagedInMemory()
    {
        if (_stagedBefore.Count == 0)
        {
            return;
        }

        var restored = WithEntriesRestored(_stagedBefore);
        var changes = TreeChangeSet.Between(_state, restored);
        _stagedBefore.Clear();
        _lock.EnterWriteLock();
        try
        {
            _state = restored;
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        _logger.LogError("the disk refused a group commit: {Count} entries of operations applied since the last commit were discarded", changes.Upserted.Count + changes.Removed.Count);
        Applied?.Invoke(changes.ChangedPaths);
    }

    /// <summary>An orderly close keeps what was applied; a failure here is what a crash would have lost (none of it was acknowledged).</summary>
    private void CommitStagedOnClose()
    {
        try
        {
            CommitStagedLocked();
        }
        catch (SqliteException e)
        {
            _logger.LogError(e, "cannot commit the last applied operations while closing the config database");
        }
    }
}
