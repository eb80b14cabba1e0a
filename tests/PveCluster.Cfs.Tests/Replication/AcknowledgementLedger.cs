using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Tests.Replication;

/// <summary>
/// Unique directories ("/u1", "/u2", ...) that no other operation touches, so whether a node holds
/// one is a plain lookup. Checked after every simulator step: a directory whose creation was just
/// acknowledged must be held by a quorum of nodes (a stopped node counts with what its database
/// held when it stopped); at the end, every acknowledged one must be everywhere.
/// </summary>
internal sealed class AcknowledgementLedger(SimulatedCluster cluster)
{
    private readonly List<(string Path, Task<CfsError> Result)> _tracked = [];
    private readonly HashSet<string> _acknowledged = [];
    private readonly Dictionary<uint, HashSet<string>> _heldByStopped = [];
    private int _next;

    public Task<CfsError> Track(ReplicatedConfigTree tree)
    {
        var path = $"/u{++_next}";
        var result = tree.MakeDirectoryAsync(path, 1, CancellationToken.None);
        _tracked.Add((path, result));
        return result;
    }

    public void Stopping(uint nodeId) =>
        _heldByStopped[nodeId] = _tracked.Select(t => t.Path).Where(p => cluster[nodeId].Tree.GetEntry(p) is not null).ToHashSet();

    public void Restarted(uint nodeId) => _heldByStopped.Remove(nodeId);

    public void Check()
    {
        foreach (var (path, result) in _tracked)
        {
            if (!result.IsCompletedSuccessfully || result.Result != CfsError.None || !_acknowledged.Add(path))
            {
                continue;
            }

            var holders = Enumerable.Range(1, cluster.Simulator.ClusterSize).Select(i => (uint)i).Where(n => Holds(n, path)).ToList();
            Assert.True(holders.Count * 2 > cluster.Simulator.ClusterSize,
                $"{path} was acknowledged while only nodes {string.Join(',', holders)} held it");
        }
    }

    public void AssertAllSurvived()
    {
        Check();
        foreach (var node in cluster.Nodes)
        {
            var missing = _acknowledged.Where(p => node.Tree.GetEntry(p) is null).ToList();
            Assert.True(missing.Count == 0, $"node {node.NodeId} lost acknowledged writes: {string.Join(',', missing)}");
        }
    }

    private bool Holds(uint nodeId, string path) =>
        _heldByStopped.TryGetValue(nodeId, out var held) ? held.Contains(path) : cluster[nodeId].Tree.GetEntry(path) is not null;
}
