using PveCluster.Cfs.Interop.Libc;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// pmxcfs writes the whole of /etc/pve, priv/ included (ticket signing key, CSRF secret), into its
/// database. Nothing it creates is meant for other users, so the process creates every file
/// group- and world-inaccessible (umask 077). The files that must be readable by others, such as
/// /etc/corosync/corosync.conf, are given their mode explicitly.
/// </summary>
internal static class OwnerOnlyFileCreation
{
    /// <summary>077: no bits for group and others.</summary>
    public const uint Mask = 0b000_111_111;

    /// <summary>Sets the mask for this process and the processes it starts (the daemonised child inherits it); returns the previous mask.</summary>
    public static uint Apply() => LibcUmask.umask(Mask);
}
