namespace PveCluster.Lab.Services;

/// <summary>The node services a lab node runs, under the systemd unit names pvecm restarts.</summary>
public static class ServiceNames
{
    public const string Corosync = "corosync";

    /// <summary>pmxcfs, called pve-cluster like its systemd unit.</summary>
    public const string PveCluster = "pve-cluster";

    /// <summary>The root half of the API (Unix socket); starts before pveproxy, which forwards to it.</summary>
    public const string PveDaemon = "pvedaemon";

    /// <summary>The HTTPS endpoint on 8006, run as www-data.</summary>
    public const string PveProxy = "pveproxy";

    public const string Sshd = "sshd";

    /// <summary>The QDevice daemon on a cluster node (started by pvecm qdevice setup).</summary>
    public const string CorosyncQdevice = "corosync-qdevice";

    /// <summary>The external arbiter on the lab's qnetd host.</summary>
    public const string CorosyncQnetd = "corosync-qnetd";

    /// <summary>Every service, in start order; teardown stops them in reverse.</summary>
    public static IReadOnlyList<string> All { get; } = [Sshd, CorosyncQnetd, Corosync, CorosyncQdevice, PveCluster, PveDaemon, PveProxy];

    /// <summary>What every cluster node boots (the QDevice daemons run only where a QDevice is set up).</summary>
    public static IReadOnlyList<string> BootedOnNodes { get; } = [Sshd, Corosync, PveCluster, PveDaemon, PveProxy];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);
}
