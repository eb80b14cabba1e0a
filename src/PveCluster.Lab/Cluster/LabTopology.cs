namespace PveCluster.Lab.Cluster;

/// <summary>Which node numbers and link numbers a lab has, and the check that a caller's number is one of them.</summary>
internal sealed class LabTopology(LabOptions options)
{
    public int NodeCount => options.NodeCount;

    /// <summary>Node numbers 1..N.</summary>
    public IEnumerable<int> Nodes => Enumerable.Range(1, NodeCount);

    /// <summary>Every host of the lab: the nodes, then the qnetd arbiter if there is one.</summary>
    public IEnumerable<int> Hosts => options.Qnetd ? Nodes.Append(Naming.LabNames.QnetdHost) : Nodes;

    /// <summary>Returns <paramref name="node"/> if the lab has it (a node or the qnetd host), else throws.</summary>
    public int CheckNode(int node) =>
        (node >= 1 && node <= NodeCount) || (node == Naming.LabNames.QnetdHost && options.Qnetd)
            ? node
            : throw new LabException(
                $"bad node {node} (this lab has nodes 1..{NodeCount}{(options.Qnetd ? $" and the qnetd host {Naming.LabNames.QnetdHost}" : "")})");

    /// <summary>The one link <paramref name="link"/>, or every link when it is null.</summary>
    public IEnumerable<int> LinksOf(int? link)
    {
        if (link is null)
        {
            return Enumerable.Range(0, options.Links);
        }
        return link >= 0 && link < options.Links
            ? [link.Value]
            : throw new LabException($"bad link {link} (this lab has links 0..{options.Links - 1})");
    }
}
