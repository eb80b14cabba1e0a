namespace PveCluster.Gui.Model;

/// <summary>
/// Every node's knet view (GET /nodes/{node}/corosync/links, each asked on its own node) merged into one row per node
/// pair and link, ordered by node id and link. Nodes that could not be asked keep their error.
/// </summary>
public sealed record LinkMatrix(IReadOnlyList<LinkPair> Pairs, IReadOnlyDictionary<string, string> Errors)
{
    public static LinkMatrix Empty { get; } = new([], new Dictionary<string, string>());

    /// <param name="nodes">The cluster's nodes (name and node id), from GET /cluster/status.</param>
    /// <param name="views">Each asked node's links to its peers.</param>
    /// <param name="errors">Why a node's view is missing (offline, unreachable, corosync down).</param>
    public static LinkMatrix Build(
        IReadOnlyList<NodeEntry> nodes,
        IReadOnlyDictionary<string, IReadOnlyList<KnetLinkState>> views,
        IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(views);
        var ids = nodes.ToDictionary(n => n.Name, n => n.NodeId, StringComparer.Ordinal);
        var pairs = new Dictionary<(string A, string B, int Link), (KnetLinkState? FromA, KnetLinkState? FromB)>();
        foreach (var (observer, links) in views)
        {
            foreach (var link in links)
            {
                var observerFirst = Compare(Order(observer, ids), Order(link.Peer, ids, link.PeerId)) < 0;
                var key = observerFirst ? (observer, link.Peer, link.Link) : (link.Peer, observer, link.Link);
                var entry = pairs.GetValueOrDefault(key);
                pairs[key] = observerFirst ? entry with { FromA = link } : entry with { FromB = link };
            }
        }

        var rows = pairs
            .Select(p => new LinkPair(p.Key.A, p.Key.B, p.Key.Link, p.Value.FromA, p.Value.FromB))
            .Order(Comparer<LinkPair>.Create((x, y) =>
                Compare(Order(x.A, ids), Order(y.A, ids)) is not 0 and var a ? a
                : Compare(Order(x.B, ids), Order(y.B, ids)) is not 0 and var b ? b
                : x.Link.CompareTo(y.Link)))
            .ToList();
        return new LinkMatrix(rows, errors);
    }

    private static int Compare((long Id, string Name) x, (long Id, string Name) y) =>
        x.Id != y.Id ? x.Id.CompareTo(y.Id) : string.CompareOrdinal(x.Name, y.Name);

    /// <summary>Sort key: the node id, then the name for nodes the status does not list (a peer only knet knows).</summary>
    private static (long Id, string Name) Order(string name, Dictionary<string, long> ids, long fallbackId = long.MaxValue) =>
        (ids.TryGetValue(name, out var id) ? id : fallbackId, name);
}
