namespace PveCluster.Lab.Naming;

/// <summary>
/// A path that each node sees as its own private copy: a directory bind-mounted in its mount
/// namespace, or (<see cref="IsEtcFile"/>) a file in the upper layer of the node's /etc overlay.
/// Files are never bind-mounted: when the host replaces its /etc/shadow (useradd renames a new copy
/// over it), the kernel detaches every mount on the old file in every namespace.
/// </summary>
public sealed record NodeBind(string Target, string SourceName, bool IsEtcFile = false)
{
    public static readonly NodeBind Run = new("/run", "run");
    public static readonly NodeBind EtcCorosync = new("/etc/corosync", "etc-corosync");
    public static readonly NodeBind VarLibCorosync = new("/var/lib/corosync", "var-lib-corosync");
    public static readonly NodeBind VarLogCorosync = new("/var/log/corosync", "var-log-corosync");
    public static readonly NodeBind EtcPve = new("/etc/pve", "etc-pve");
    public static readonly NodeBind VarLibPveCluster = new("/var/lib/pve-cluster", "var-lib-pve-cluster");
    public static readonly NodeBind EtcSsh = new("/etc/ssh", "etc-ssh");

    /// <summary>The API's task logs: per node, so a node's task list holds only its own tasks.</summary>
    public static readonly NodeBind VarLogPve = new("/var/log/pve", "var-log-pve");
    public static readonly NodeBind RootHome = new("/root", "root");
    public static readonly NodeBind EtcHosts = new("/etc/hosts", "hosts", IsEtcFile: true);
    public static readonly NodeBind EtcHostname = new("/etc/hostname", "hostname", IsEtcFile: true);
    public static readonly NodeBind EtcShadow = new("/etc/shadow", "shadow", IsEtcFile: true);

    /// <summary>Whether the mount point lies in /etc (then it is created in the overlay, not on the host).</summary>
    public bool IsBelowEtc => Target.StartsWith("/etc/", StringComparison.Ordinal);

    /// <summary>
    /// Every private path of a node, in mount order: /run goes last because the sources live under
    /// /run/pvelab, which the node's own /run hides once it is mounted.
    /// </summary>
    public static IReadOnlyList<NodeBind> All { get; } =
        [EtcCorosync, VarLibCorosync, VarLogCorosync, EtcPve, VarLibPveCluster, VarLogPve, EtcSsh, RootHome, EtcHosts, EtcHostname, EtcShadow, Run];
}
