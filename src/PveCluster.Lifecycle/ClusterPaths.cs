namespace PveCluster.Lifecycle;

/// <summary>
/// Every file the lifecycle commands read or write. The roots come from the environment so tests and
/// lab nodes can move them: <c>PVE_ETC_PVE</c> (/etc/pve), <c>PVE_COROSYNC_DIR</c> (/etc/corosync),
/// <c>PVE_LIB_DIR</c> (/var/lib/pve-cluster), <c>PVE_SSH_DIR</c> (root's ~/.ssh) and
/// <c>PVE_SSH_HOST_KEY_DIR</c> (/etc/ssh).
/// </summary>
public sealed record ClusterPaths(string EtcPve, string CorosyncDir, string LibDir, string SshDir, string SshHostKeyDir)
{
    public static ClusterPaths FromEnvironment(Func<string, string?> getEnvironment)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        string Get(string name, string fallback) => getEnvironment(name) is { Length: > 0 } value ? value : fallback;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new ClusterPaths(
            Get("PVE_ETC_PVE", "/etc/pve"),
            Get("PVE_COROSYNC_DIR", "/etc/corosync"),
            Get("PVE_LIB_DIR", "/var/lib/pve-cluster"),
            Get("PVE_SSH_DIR", Path.Combine(home.Length > 0 ? home : "/root", ".ssh")),
            Get("PVE_SSH_HOST_KEY_DIR", "/etc/ssh"));
    }

    public string ClusterConf => Path.Combine(EtcPve, "corosync.conf");

    public string LocalCorosyncConf => Path.Combine(CorosyncDir, "corosync.conf");

    public string AuthKey => Path.Combine(CorosyncDir, "authkey");

    public string ConfigDb => Path.Combine(LibDir, "config.db");

    public string CaCertificate => Path.Combine(EtcPve, "pve-root-ca.pem");

    public string CaKey => Path.Combine(EtcPve, "priv", "pve-root-ca.key");

    public string TicketPrivateKey => Path.Combine(EtcPve, "priv", "authkey.key");

    public string TicketPublicKey => Path.Combine(EtcPve, "authkey.pub");

    public string CsrfSecret => Path.Combine(EtcPve, "priv", "pve-www.key");

    /// <summary>pmxcfs cluster-wide locks, one directory each (see <see cref="Locking.ClusterLock"/>).</summary>
    public string LockDirectory => Path.Combine(EtcPve, "priv", "lock");

    public string ClusterAuthorizedKeys => Path.Combine(EtcPve, "priv", "authorized_keys");

    public string ClusterKnownHosts => Path.Combine(EtcPve, "priv", "known_hosts");

    public string RootAuthorizedKeys => Path.Combine(SshDir, "authorized_keys");

    public string NodeDirectory(string node) => Path.Combine(EtcPve, "nodes", node);

    public string NodeCertificate(string node) => Path.Combine(NodeDirectory(node), "pve-ssl.pem");

    public string NodeKey(string node) => Path.Combine(NodeDirectory(node), "pve-ssl.key");

    /// <summary>Guest config files under nodes/*/qemu-server and nodes/*/lxc (the join refuses a host with guests).</summary>
    public IReadOnlyList<string> GuestConfigFiles()
    {
        var nodes = Path.Combine(EtcPve, "nodes");
        if (!Directory.Exists(nodes))
        {
            return [];
        }

        return
        [
            .. Directory.EnumerateDirectories(nodes)
                .SelectMany(node => new[] { Path.Combine(node, "qemu-server"), Path.Combine(node, "lxc") })
                .Where(Directory.Exists)
                .SelectMany(folder => Directory.EnumerateFiles(folder, "*.conf")),
        ];
    }
}
