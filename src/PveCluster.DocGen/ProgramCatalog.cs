using PveCluster.Api.Hosting;
using PveCluster.Cfs.Hosting;
using PveCluster.Cli;

namespace PveCluster.DocGen;

/// <summary>The installed programs whose pages pve-docgen writes, with their command-line definitions.</summary>
internal static class ProgramCatalog
{
    public static IReadOnlyList<ProgramDocumentation> All() =>
    [
        new("pvecm", 1, "pve-cluster", PvecmApp.CreateRootCommand(),
        [
            ("Files", "/etc/pve/corosync.conf (the cluster's copy), /etc/corosync/corosync.conf (this node's), /etc/corosync/authkey, /etc/pve/nodes/NODE/pve-ssl.pem."),
            ("Exit status", "0 on success, 2 for a usage error (unknown command or option, bad value), 1 for any other failure."),
        ]),
        new("pmxcfs", 8, "pve-cluster", CfsCommandLine.Create(CfsHost.RunAsync),
        [
            ("Local mode", "With --local, or when its database holds no corosync.conf (a new database first imports /etc/corosync/corosync.conf), pmxcfs serves /etc/pve from the local database without corosync and allows every write; it says so in its log. Otherwise it joins the cluster through corosync."),
            ("Files", "/var/lib/pve-cluster/config.db (the database), /etc/pve (the mount point), /etc/corosync/corosync.conf (kept in step with /etc/pve/corosync.conf)."),
            ("Service", "pve-cluster.service runs pmxcfs --foreground and reports ready once /etc/pve is mounted; options for it go into DAEMON_OPTS in /etc/default/pve-cluster."),
        ]),
        new("pvedaemon", 8, "pve-api", DaemonCommandLine.CreateRootCommand(),
        [
            ("Files", "/run/pvedaemon/pvedaemon.sock (root:www-data 0660), /var/log/pve/tasks, /etc/pam.d/pve-api."),
            ("Service", "pvedaemon.service (root), after pve-cluster.service."),
        ]),
        new("pveproxy", 8, "pve-api", ProxyCommandLine.CreateRootCommand(),
        [
            ("Files", "/etc/pve/nodes/NODE/pve-ssl.pem and pve-ssl.key (the HTTPS certificate), /usr/lib/pve-api/gui/wwwroot (the web GUI)."),
            ("Service", "pveproxy.service runs it as www-data, after pvedaemon.service."),
        ]),
    ];
}
