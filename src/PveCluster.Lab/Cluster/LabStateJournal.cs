using PveCluster.Lab.Naming;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// The lab's state record (resources, spawned processes) in memory and on disk. Every change goes
/// to the record on disk under a file lock, so two `pvelab` processes working on the same lab (say,
/// spawn on node 1 and node 2 at once) do not overwrite each other's records.
/// </summary>
internal sealed class LabStateJournal(LabState state, LabPaths paths)
{
    private readonly Lock _lock = new();

    public LabState State => state;

    /// <summary>Applies <paramref name="change"/> and persists it if the change reports it did something.</summary>
    public void Record(Func<LabState, bool> change)
    {
        lock (_lock)
        {
            using var fileLock = LabStateStore.Lock(paths);
            var current = File.Exists(paths.StateFile) ? LabStateStore.Load(paths) : state;
            if (change(current))
            {
                LabStateStore.Save(paths, current);
            }
            if (!ReferenceEquals(current, state))
            {
                state.Resources.Clear();
                state.Resources.AddRange(current.Resources);
                state.Processes.Clear();
                state.Processes.AddRange(current.Processes);
                state.ConfigVersion = current.ConfigVersion;
            }
        }
    }

    public void RecordResource(LabResourceKind kind, string name) =>
        Record(current =>
        {
            current.Resources.Add(new LabResource(kind, name));
            return true;
        });
}
