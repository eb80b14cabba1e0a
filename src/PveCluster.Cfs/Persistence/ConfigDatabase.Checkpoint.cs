namespace PveCluster.Cfs.Persistence;

/// <summary>
/// WAL checkpoints off the write path: SQLite's own would copy the WAL into the database file and
/// fsync it inside whichever commit crosses the threshold, i.e. while a writer waits for its
/// acknowledgement. The daemon calls <see cref="Checkpoint"/> once the tree has gone quiet.
/// </summary>
public sealed partial class ConfigDatabase
{
    /// <summary>
    /// Checkpoints and empties the WAL unless a group is staged (then nothing happens and false is
    /// returned: the daemon is not idle). Every commit is durable either way.
    /// </summary>
    internal bool Checkpoint()
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_store.HasStaged)
            {
                return false;
            }

            _store.Checkpoint();
            return true;
        }
    }
}
