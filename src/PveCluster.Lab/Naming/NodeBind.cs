namespace PveCluster.Lab.Naming;

/// <summary>A host path that each node sees as its own private copy (bind-mounted in its mount namespace).</summary>
public sealed record NodeBind(string Target, string SourceName, bool IsFile = false)
{
    public static readonly NodeBind Run = new("/run", "run");
    public static readonly NodeBind EtcCorosync = new("/etc/corosync", "etc-corosync");
    public static readonly NodeBind VarLibCorosync = new("/var/lib/corosync", "var-lib-corosync");
    public static readonly NodeBind VarLogCorosync = new("/var/log/corosync", "var-log-corosync");
    public static readonly NodeBind EtcPve = new("/etc/pve", "etc-pve");
    public static readonly NodeBind VarLibPveCluster = new("/var/lib/pve-cluster", "var-lib-pve-cluster");
    public static readonly NodeBind EtcHosts = new("/etc/hosts", "hosts", IsFile: true);

    /// <summary>
    /// Every private path of a node, in mount order: /run goes last because the sources live under
    /// /run/pvelab, which the node's own /run hides once it is mounted.
    /// </summary>
    public static IReadOnlyList<NodeBind> All { get; } =
        [EtcCorosync, VarLibCorosync, VarLogCorosync, EtcPve, VarLibPveCluster, EtcHosts, Run];
}
