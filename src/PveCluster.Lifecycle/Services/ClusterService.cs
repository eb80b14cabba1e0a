namespace PveCluster.Lifecycle.Services;

/// <summary>The services the cluster lifecycle commands start, stop and restart.</summary>
public enum ClusterService
{
    Corosync,

    /// <summary>pmxcfs; its systemd unit keeps the Proxmox name <c>pve-cluster</c>.</summary>
    Pmxcfs,

    /// <summary>The root half of the REST API (PAM, ticket signing, cluster changes) on a local socket.</summary>
    ApiDaemon,

    /// <summary>The HTTPS half of the REST API, as www-data; it forwards protected calls to <see cref="ApiDaemon"/>.</summary>
    ApiProxy,

    /// <summary>corosync-qdevice, the QDevice daemon on every node of a cluster with an external vote.</summary>
    Qdevice,
}

/// <summary>Unit names as systemd and the lab's service command know them.</summary>
public static class ClusterServiceNames
{
    public static string UnitName(this ClusterService service) => service switch
    {
        ClusterService.Corosync => "corosync",
        ClusterService.Pmxcfs => "pve-cluster",
        ClusterService.ApiDaemon => "pvedaemon",
        ClusterService.ApiProxy => "pveproxy",
        ClusterService.Qdevice => "corosync-qdevice",
        _ => throw new ArgumentOutOfRangeException(nameof(service), service, "unknown cluster service"),
    };
}
