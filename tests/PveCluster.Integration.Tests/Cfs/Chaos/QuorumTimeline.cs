namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>A span in which a node was cut off from the majority, by the schedule's own record.</summary>
/// <param name="Node">The node without a majority.</param>
/// <param name="From">When the disrupting action had completed.</param>
/// <param name="To">When the restoring action began (infinity while still open).</param>
/// <param name="Cause">The action that opened the span.</param>
public sealed record QuorumLoss(int Node, double From, double To, string Cause)
{
    public bool Contains(WriterRecord record) => record.Node == Node && record.Start >= From && record.End <= To;

    public override string ToString() => $"n{Node} without majority {ChaosClock.Format(From)} .. {ChaosClock.Format(To)} ({Cause})";
}

/// <summary>
/// Derives from the schedule when each node is without a majority: it is cut off, its corosync is
/// dead, or fewer than a majority of nodes are reachable and running corosync with it. Spans are
/// conservative: they open when the disrupting action has returned and close when the restoring
/// action starts, so a write inside one certainly ran while its node could not reach a majority.
/// </summary>
public sealed class QuorumTimeline(IReadOnlyList<int> nodes)
{
    private readonly HashSet<int> _cut = [];
    private readonly HashSet<int> _corosyncDown = [];
    private readonly Dictionary<int, (double From, string Cause)> _open = [];
    private readonly List<QuorumLoss> _losses = [];

    public IReadOnlyList<QuorumLoss> Losses => _losses;

    public IReadOnlyCollection<int> CutNodes => _cut;

    public IReadOnlyCollection<int> CorosyncDownNodes => _corosyncDown;

    public void Cut(int node, double started, double completed, string cause) =>
        Change(() => _cut.Add(node), started, completed, cause);

    public void Heal(int node, double started, double completed, string cause) =>
        Change(() => _cut.Remove(node), started, completed, cause);

    public void CorosyncKilled(int node, double started, double completed, string cause) =>
        Change(() => _corosyncDown.Add(node), started, completed, cause);

    public void CorosyncStarted(int node, double started, double completed, string cause) =>
        Change(() => _corosyncDown.Remove(node), started, completed, cause);

    private void Change(Action change, double started, double completed, string cause)
    {
        var before = WithoutMajority();
        change();
        var after = WithoutMajority();
        foreach (var node in after.Except(before))
        {
            _open[node] = (completed, cause);
        }
        foreach (var node in before.Except(after))
        {
            var (from, openCause) = _open[node];
            _open.Remove(node);
            _losses.Add(new QuorumLoss(node, from, started, openCause));
        }
    }

    /// <summary>Closes the spans still open (a run that ended without restoring everything).</summary>
    public void CloseOpen()
    {
        foreach (var (node, (from, cause)) in _open)
        {
            _losses.Add(new QuorumLoss(node, from, double.PositiveInfinity, cause));
        }
        _open.Clear();
    }

    private HashSet<int> WithoutMajority()
    {
        // With every cut node alone, the only group larger than one is the uncut nodes whose corosync runs.
        var connected = nodes.Where(n => !_cut.Contains(n) && !_corosyncDown.Contains(n)).ToList();
        var majority = connected.Count > nodes.Count / 2;
        return [.. nodes.Where(n => !majority || !connected.Contains(n))];
    }
}
