using Microsoft.Extensions.Logging;
using PveCluster.Lab.Config;
using PveCluster.Lab.Identity;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab.Cluster;

/// <summary>
/// Builds a lab's hosts: bridges, namespaces, veths, private directories, corosync.conf and
/// authkey, identities, host keys. Records every resource before it can leak, so teardown undoes
/// a half-done build.
/// </summary>
internal sealed class LabBuilder(
    LabOptions options, LabTopology topology, LabNames names, LabPaths paths, LabAddressing addressing, LabStateJournal journal,
    CommandRunner runner, NodeShell shell, NodeServices services, LabArtifacts artifacts, ILogger logger)
{
    // Runs inside the node's fresh namespaces: $1 = node dir, $2 = host name, $3/$4 = upper/work dir
    // of the /etc overlay, then pairs of (source, target) bind mounts. Fixed text; every variable part
    // arrives as a positional parameter.
    private const string NamespaceSetupScript = """
        dir=$1; name=$2; upper=$3; work=$4; shift 4
        hostname "$name"
        mount -t sysfs sysfs /sys
        mount -t tmpfs -o mode=1777 tmpfs /dev/shm
        mount -t overlay overlay -o "lowerdir=/etc,upperdir=$upper,workdir=$work" /etc
        while [ $# -gt 0 ]; do mount --bind "$1" "$2"; shift 2; done
        """;

    public async Task BuildAsync(CancellationToken cancellationToken)
    {
        if (!options.Standalone)
        {
            await runner.RunCheckedAsync(["corosync-keygen", "-l", "-k", paths.AuthKey], cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(paths.CorosyncConf, LabCorosyncConf.Render(options, addressing, journal.State.ConfigVersion), cancellationToken)
                .ConfigureAwait(false);
        }
        CheckNotUnderRoot(artifacts.Directory);
        CheckNotUnderRoot(AppContext.BaseDirectory);
        var rootHash = await new NodeIdentity(runner).HashPasswordAsync(options.RootPassword, cancellationToken).ConfigureAwait(false);
        await CreateNamespaceDirectoryAsync(cancellationToken).ConfigureAwait(false);
        for (var link = 0; link < options.Links; link++)
        {
            await CreateBridgeAsync(link, cancellationToken).ConfigureAwait(false);
        }
        EnsureHostMountPoints();
        foreach (var node in topology.Hosts)
        {
            await CreateNodeAsync(node, rootHash, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Nodes get a private /root: binaries living below the host's /root would vanish inside them.</summary>
    private static void CheckNotUnderRoot(string? directory)
    {
        if (directory is not null && (directory == NodeBind.RootHome.Target || directory.StartsWith(NodeBind.RootHome.Target + "/", StringComparison.Ordinal)))
        {
            throw new LabException($"{directory} lies below /root, which every node replaces by its own; put the build elsewhere");
        }
    }

    private async Task CreateNamespaceDirectoryAsync(CancellationToken cancellationToken)
    {
        // A namespace file can only be bind-mounted under a private mount, else the kernel refuses
        // (the new namespace would contain a propagated copy of its own handle).
        Directory.CreateDirectory(paths.NamespaceDirectory);
        await runner.RunCheckedAsync(["mount", "--bind", paths.NamespaceDirectory, paths.NamespaceDirectory], cancellationToken)
            .ConfigureAwait(false);
        journal.RecordResource(LabResourceKind.HostMount, paths.NamespaceDirectory);
        await runner.RunCheckedAsync(["mount", "--make-private", paths.NamespaceDirectory], cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateBridgeAsync(int link, CancellationToken cancellationToken)
    {
        var bridge = names.Bridge(link);
        await runner.RunCheckedAsync(
            ["ip", "link", "add", bridge, "type", "bridge", "forward_delay", "0", "stp_state", "0"], cancellationToken).ConfigureAwait(false);
        journal.RecordResource(LabResourceKind.Bridge, bridge);
        // The host address lets the host (and a browser on it) reach every node.
        await runner.RunCheckedAsync(
            ["ip", "addr", "add", $"{addressing.Host(link)}/{LabAddressing.PrefixLength}", "dev", bridge], cancellationToken).ConfigureAwait(false);
        await runner.RunCheckedAsync(["ip", "link", "set", bridge, "up"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Bind targets outside /etc must exist on the host (those in /etc are created in each node's overlay);
    /// on a host without Proxmox /var/lib/pve-cluster does not. They stay (shared by all labs).
    /// </summary>
    private void EnsureHostMountPoints()
    {
        foreach (var bind in NodeBind.All.Where(b => !b.IsEtcFile && !b.IsBelowEtc))
        {
            if (!Directory.Exists(bind.Target))
            {
                logger.LogInformation("creating empty mount point {Path} on the host", bind.Target);
                Directory.CreateDirectory(bind.Target);
            }
        }
    }

    private async Task CreateNodeAsync(int node, string rootPasswordHash, CancellationToken cancellationToken)
    {
        var netns = names.Netns(node);
        await runner.RunCheckedAsync(["ip", "netns", "add", netns], cancellationToken).ConfigureAwait(false);
        journal.RecordResource(LabResourceKind.Netns, netns);
        await runner.RunCheckedAsync(["ip", "-n", netns, "link", "set", "lo", "up"], cancellationToken).ConfigureAwait(false);
        for (var link = 0; link < options.Links; link++)
        {
            var hostVeth = names.HostVeth(node, link);
            var inner = LabNames.NodeInterface(link);
            await runner.RunCheckedAsync(
                ["ip", "link", "add", hostVeth, "type", "veth", "peer", "name", inner, "netns", netns], cancellationToken).ConfigureAwait(false);
            journal.RecordResource(LabResourceKind.Veth, hostVeth);
            await runner.RunCheckedAsync(["ip", "link", "set", hostVeth, "master", names.Bridge(link), "up"], cancellationToken)
                .ConfigureAwait(false);
            await runner.RunCheckedAsync(
                ["ip", "-n", netns, "addr", "add", $"{addressing.Node(node, link)}/{LabAddressing.PrefixLength}", "dev", inner],
                cancellationToken).ConfigureAwait(false);
            await runner.RunCheckedAsync(["ip", "-n", netns, "link", "set", inner, "up"], cancellationToken).ConfigureAwait(false);
        }
        await CreateNodeFilesAsync(node, cancellationToken).ConfigureAwait(false);
        await new NodeIdentity(runner).WriteAsync(paths, node, rootPasswordHash, cancellationToken).ConfigureAwait(false);
        await CreateNodeNamespacesAsync(node, cancellationToken).ConfigureAwait(false);
        // Host keys of its own, generated inside the node into its private /etc/ssh, as a fresh install does.
        await shell.ExecCheckedAsync(node, ["ssh-keygen", "-A"], cancellationToken).ConfigureAwait(false);
        await services.WriteControlScriptAsync(node, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateNodeFilesAsync(int node, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(paths.EtcWork(node));
        foreach (var bind in NodeBind.All.Where(b => !b.IsEtcFile))
        {
            Directory.CreateDirectory(paths.NodeBindSource(node, bind));
            if (bind.IsBelowEtc)
            {
                Directory.CreateDirectory(Path.Combine(paths.EtcUpper(node), Path.GetRelativePath("/etc", bind.Target)));
            }
        }
        await File.WriteAllTextAsync(paths.NodeBindSource(node, NodeBind.EtcHosts), LabHostsFile.Render(options.NodeCount, addressing), cancellationToken)
            .ConfigureAwait(false);
        if (options.Standalone || node == LabNames.QnetdHost)
        {
            return; // a fresh host, or the arbiter that is no member: no corosync.conf, no authkey until pvecm create/add writes them
        }
        var corosyncDir = paths.NodeBindSource(node, NodeBind.EtcCorosync);
        var authkey = Path.Combine(corosyncDir, "authkey");
        File.Copy(paths.AuthKey, authkey);
        // corosync refuses a group/world-readable key. (The guard only satisfies the platform analyzer:
        // the lab exists on Linux alone, and LabPrerequisites already stopped anything else.)
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(authkey, UnixFileMode.UserRead);
        }
        File.Copy(paths.CorosyncConf, Path.Combine(corosyncDir, "corosync.conf"));
    }

    private async Task CreateNodeNamespacesAsync(int node, CancellationToken cancellationToken)
    {
        var mountNs = paths.MountNamespace(node);
        var utsNs = paths.UtsNamespace(node);
        foreach (var file in new[] { mountNs, utsNs })
        {
            await File.WriteAllBytesAsync(file, [], cancellationToken).ConfigureAwait(false);
            // Recorded before unshare so a half-done setup is still unmounted by teardown.
            journal.RecordResource(LabResourceKind.NamespaceFile, file);
        }
        // nsenter --net first, then unshare: the ns-file bind mounts are made in the host's mount
        // namespace and outlive the setup shell, so later nsenter calls find the same namespaces.
        var command = new List<string>
        {
            "nsenter", $"--net={shell.NetnsPath(node)}", "--",
            "unshare", $"--mount={mountNs}", $"--uts={utsNs}", "--propagation", "private",
            "sh", "-euc", NamespaceSetupScript, "sh", paths.NodeDirectory(node), LabNames.HostName(node),
            paths.EtcUpper(node), paths.EtcWork(node),
        };
        foreach (var bind in NodeBind.All.Where(b => !b.IsEtcFile))
        {
            command.Add(paths.NodeBindSource(node, bind));
            command.Add(bind.Target);
        }
        await runner.RunCheckedAsync(command, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("node {Node}: namespaces ready ({Netns}, {Address})", node, names.Netns(node), addressing.Node(node, 0).ToString());
    }
}
