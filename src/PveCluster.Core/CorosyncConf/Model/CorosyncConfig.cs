namespace PveCluster.Core.CorosyncConf;

/// <summary>
/// A whole corosync.conf: the syntax tree plus typed views of the sections the cluster manager uses.
/// Everything else (logging, unknown sections and keys, comments) is kept as it is in <see cref="Root"/>.
/// </summary>
public sealed class CorosyncConfig
{
    public const string TotemSection = "totem";
    public const string NodelistSection = "nodelist";
    public const string QuorumSection = "quorum";
    public const string LoggingSection = "logging";

    public CorosyncConfig(ConfSection root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!root.IsRoot)
        {
            throw new ArgumentException("A corosync.conf document needs the unnamed top-level section.", nameof(root));
        }

        Root = root;
    }

    public ConfSection Root { get; }

    /// <exception cref="ConfParseException">The text is not valid corosync.conf syntax.</exception>
    public static CorosyncConfig Parse(string text) => new(ConfParser.Parse(text));

    /// <summary>Canonical text (see <see cref="ConfWriter"/>).</summary>
    public string Write() => ConfWriter.Write(Root);

    public CorosyncConfig Clone() => new(Root.CloneSection());

    public TotemView? Totem => Root.GetSection(TotemSection) is { } s ? new TotemView(s) : null;

    public ConfSection? Nodelist => Root.GetSection(NodelistSection);

    /// <summary>All <c>node</c> blocks of every <c>nodelist</c> section, in file order.</summary>
    public IReadOnlyList<NodeView> Nodes =>
        [.. Root.Sections(NodelistSection).SelectMany(n => n.Sections(NodeView.SectionName)).Select(s => new NodeView(s))];

    public QuorumView? Quorum => Root.GetSection(QuorumSection) is { } s ? new QuorumView(s) : null;

    /// <summary>Logging is not interpreted; it is kept raw.</summary>
    public ConfSection? Logging => Root.GetSection(LoggingSection);

    /// <summary>The node named <paramref name="name"/> (case-insensitive, like host names), or null.</summary>
    public NodeView? FindNode(string name) =>
        Nodes.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase));

    public override string ToString() => Write();
}
