using System.Globalization;

namespace PveCluster.Lab.Naming;

/// <summary>Files of one lab under /run/pvelab/&lt;id&gt;: state record, ns files, per-node private dirs.</summary>
public sealed class LabPaths
{
    public const string DefaultBaseDirectory = "/run/pvelab";

    public LabPaths(string baseDirectory, string id)
    {
        BaseDirectory = baseDirectory;
        Root = Path.Combine(baseDirectory, id);
    }

    public string BaseDirectory { get; }

    public string Root { get; }

    public string StateFile => Path.Combine(Root, "state.json");

    public string AuthKey => Path.Combine(Root, "authkey");

    public string CorosyncConf => Path.Combine(Root, "corosync.conf");

    /// <summary>Holds the persistent namespace files; must be a private mount for the bind trick to work.</summary>
    public string NamespaceDirectory => Path.Combine(Root, "ns");

    public string MountNamespace(int node) => Path.Combine(NamespaceDirectory, $"n{N(node)}.mnt");

    public string UtsNamespace(int node) => Path.Combine(NamespaceDirectory, $"n{N(node)}.uts");

    public string NodeDirectory(int node) => Path.Combine(Root, $"n{N(node)}");

    /// <summary>The private directory or file that appears at <paramref name="bound"/> inside the node.</summary>
    public string NodeBindSource(int node, NodeBind bound) =>
        bound.IsEtcFile ? Path.Combine(EtcUpper(node), Path.GetFileName(bound.Target)) : Path.Combine(NodeDirectory(node), bound.SourceName);

    /// <summary>Upper layer of the node's /etc overlay (the host's /etc is the lower one): what the node changed in /etc.</summary>
    public string EtcUpper(int node) => Path.Combine(NodeDirectory(node), "etc");

    /// <summary>overlayfs work directory of the node's /etc (same file system as <see cref="EtcUpper"/>).</summary>
    public string EtcWork(int node) => Path.Combine(NodeDirectory(node), "etc-work");

    public string CorosyncLog(int node) => Path.Combine(NodeBindSource(node, NodeBind.VarLogCorosync), "corosync.log");

    public string ProcessLog(int node, string name) => Path.Combine(NodeDirectory(node), $"{name}.out");

    public string PidScratch(int node, string name) => Path.Combine(NodeDirectory(node), $"{name}.pid");

    /// <summary>Marks subnet index <paramref name="index"/> as taken by one lab (created with CreateNew = atomic claim).</summary>
    public static string SubnetClaim(string baseDirectory, int index) =>
        Path.Combine(baseDirectory, "subnets", index.ToString(CultureInfo.InvariantCulture));

    private static string N(int value) => value.ToString(CultureInfo.InvariantCulture);
}
