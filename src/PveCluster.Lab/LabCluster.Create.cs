using Microsoft.Extensions.Logging;
using PveCluster.Lab.Config;
using PveCluster.Lab.Identity;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

public sealed partial class LabCluster
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

    /// <summary>
    /// Builds a new lab (namespaces, bridges, veths, private dirs, corosync.conf, authkey) and, unless
    /// <see cref="LabOptions.StartCorosync"/> is false, starts corosync on every node. A failure half-way
    /// tears down whatever was built.
    /// </summary>
    public static async Task<LabCluster> CreateAsync(
        LabOptions options, ILogger logger, CancellationToken cancellationToken, string baseDirectory = LabPaths.DefaultBaseDirectory)
    {
        options.Validate();
        LabPrerequisites.ThrowIfMissing();
        options = options with { ArtifactsDirectory = ResolveArtifactsDirectory(options.ArtifactsDirectory) };

        Directory.CreateDirectory(baseDirectory);
        string id;
        LabPaths paths;
        do
        {
            id = LabNames.NewId();
            paths = new LabPaths(baseDirectory, id);
        }
        while (Directory.Exists(paths.Root));
        Directory.CreateDirectory(paths.Root);

        var runner = new CommandRunner(logger);
        int subnet;
        try
        {
            subnet = await SubnetAllocator.ClaimAsync(baseDirectory, id, runner, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Directory.Delete(paths.Root, recursive: true);
            throw;
        }
        var state = new LabState
        {
            Id = id,
            SubnetIndex = subnet,
            Options = options,
            Resources =
            [
                new LabResource(LabResourceKind.Directory, paths.Root),
                new LabResource(LabResourceKind.SubnetClaim, LabPaths.SubnetClaim(baseDirectory, subnet)),
            ],
        };
        LabStateStore.Save(paths, state);

        var lab = new LabCluster(state, paths, logger);
        try
        {
            await lab.BuildAsync(cancellationToken).ConfigureAwait(false);
            if (options.StartCorosync)
            {
                await lab.StartNodesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            logger.LogError("lab {Id}: setup failed ({Message}); tearing down", id, e.Message);
            await lab.DownAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        logger.LogInformation("lab {Id} up: {Nodes} {Kind} nodes, {Links} link(s), link0 {Subnet}, state {Root}",
            id, options.NodeCount, options.Standalone ? "standalone" : "clustered", options.Links, lab.Addressing.Subnet(0), paths.Root);
        return lab;
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        if (!Options.Standalone)
        {
            await _runner.RunCheckedAsync(["corosync-keygen", "-l", "-k", _paths.AuthKey], cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(_paths.CorosyncConf, LabCorosyncConf.Render(Options, _addressing, _state.ConfigVersion), cancellationToken)
                .ConfigureAwait(false);
        }
        CheckNotUnderRoot(ArtifactsDirectory);
        CheckNotUnderRoot(AppContext.BaseDirectory);
        var rootHash = await new NodeIdentity(_runner).HashPasswordAsync(Options.RootPassword, cancellationToken).ConfigureAwait(false);
        await CreateNamespaceDirectoryAsync(cancellationToken).ConfigureAwait(false);
        for (var link = 0; link < Options.Links; link++)
        {
            await CreateBridgeAsync(link, cancellationToken).ConfigureAwait(false);
        }
        EnsureHostMountPoints();
        foreach (var node in Nodes)
        {
            await CreateNodeAsync(node, rootHash, cancellationToken).ConfigureAwait(false);
        }
        if (Options.Qnetd)
        {
            await CreateNodeAsync(LabNames.QnetdHost, rootHash, cancellationToken).ConfigureAwait(false);
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
        Directory.CreateDirectory(_paths.NamespaceDirectory);
        await _runner.RunCheckedAsync(["mount", "--bind", _paths.NamespaceDirectory, _paths.NamespaceDirectory], cancellationToken)
            .ConfigureAwait(false);
        RecordResource(LabResourceKind.HostMount, _paths.NamespaceDirectory);
        await _runner.RunCheckedAsync(["mount", "--make-private", _paths.NamespaceDirectory], cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateBridgeAsync(int link, CancellationToken cancellationToken)
    {
        var bridge = _names.Bridge(link);
        await _runner.RunCheckedAsync(
            ["ip", "link", "add", bridge, "type", "bridge", "forward_delay", "0", "stp_state", "0"], cancellationToken).ConfigureAwait(false);
        RecordResource(LabResourceKind.Bridge, bridge);
        // The host address lets the host (and a browser on it) reach every node.
        await _runner.RunCheckedAsync(
            ["ip", "addr", "add", $"{_addressing.Host(link)}/{LabAddressing.PrefixLength}", "dev", bridge], cancellationToken).ConfigureAwait(false);
        await _runner.RunCheckedAsync(["ip", "link", "set", bridge, "up"], cancellationToken).ConfigureAwait(false);
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
                _logger.LogInformation("creating empty mount point {Path} on the host", bind.Target);
                Directory.CreateDirectory(bind.Target);
            }
        }
    }

    private async Task CreateNodeAsync(int node, string rootPasswordHash, CancellationToken cancellationToken)
    {
        var netns = _names.Netns(node);
        await _runner.RunCheckedAsync(["ip", "netns", "add", netns], cancellationToken).ConfigureAwait(false);
        RecordResource(LabResourceKind.Netns, netns);
        await _runner.RunCheckedAsync(["ip", "-n", netns, "link", "set", "lo", "up"], cancellationToken).ConfigureAwait(false);
        for (var link = 0; link < Options.Links; link++)
        {
            var hostVeth = _names.HostVeth(node, link);
            var inner = LabNames.NodeInterface(link);
            await _runner.RunCheckedAsync(
                ["ip", "link", "add", hostVeth, "type", "veth", "peer", "name", inner, "netns", netns], cancellationToken).ConfigureAwait(false);
            RecordResource(LabResourceKind.Veth, hostVeth);
            await _runner.RunCheckedAsync(["ip", "link", "set", hostVeth, "master", _names.Bridge(link), "up"], cancellationToken)
                .ConfigureAwait(false);
            await _runner.RunCheckedAsync(
                ["ip", "-n", netns, "addr", "add", $"{_addressing.Node(node, link)}/{LabAddressing.PrefixLength}", "dev", inner],
                cancellationToken).ConfigureAwait(false);
            await _runner.RunCheckedAsync(["ip", "-n", netns, "link", "set", inner, "up"], cancellationToken).ConfigureAwait(false);
        }
        await CreateNodeFilesAsync(node, cancellationToken).ConfigureAwait(false);
        await new NodeIdentity(_runner).WriteAsync(_paths, node, rootPasswordHash, cancellationToken).ConfigureAwait(false);
        await CreateNodeNamespacesAsync(node, cancellationToken).ConfigureAwait(false);
        // Host keys of its own, generated inside the node into its private /etc/ssh, as a fresh install does.
        await ExecCheckedAsync(node, ["ssh-keygen", "-A"], cancellationToken).ConfigureAwait(false);
        await WriteServiceControlAsync(node, cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateNodeFilesAsync(int node, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_paths.EtcWork(node));
        foreach (var bind in NodeBind.All.Where(b => !b.IsEtcFile))
        {
            Directory.CreateDirectory(_paths.NodeBindSource(node, bind));
            if (bind.IsBelowEtc)
            {
                Directory.CreateDirectory(Path.Combine(_paths.EtcUpper(node), Path.GetRelativePath("/etc", bind.Target)));
            }
        }
        await File.WriteAllTextAsync(_paths.NodeBindSource(node, NodeBind.EtcHosts), LabHostsFile.Render(NodeCount, _addressing), cancellationToken)
            .ConfigureAwait(false);
        if (Options.Standalone || node == LabNames.QnetdHost)
        {
            return; // a fresh host, or the arbiter that is no member: no corosync.conf, no authkey until pvecm create/add writes them
        }
        var corosyncDir = _paths.NodeBindSource(node, NodeBind.EtcCorosync);
        var authkey = Path.Combine(corosyncDir, "authkey");
        File.Copy(_paths.AuthKey, authkey);
        // corosync refuses a group/world-readable key. (The guard only satisfies the platform analyzer:
        // the lab exists on Linux alone, and LabPrerequisites already stopped anything else.)
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(authkey, UnixFileMode.UserRead);
        }
        File.Copy(_paths.CorosyncConf, Path.Combine(corosyncDir, "corosync.conf"));
    }

    private async Task CreateNodeNamespacesAsync(int node, CancellationToken cancellationToken)
    {
        var mountNs = _paths.MountNamespace(node);
        var utsNs = _paths.UtsNamespace(node);
        foreach (var file in new[] { mountNs, utsNs })
        {
            await File.WriteAllBytesAsync(file, [], cancellationToken).ConfigureAwait(false);
            // Recorded before unshare so a half-done setup is still unmounted by teardown.
            RecordResource(LabResourceKind.NamespaceFile, file);
        }
        // nsenter --net first, then unshare: the ns-file bind mounts are made in the host's mount
        // namespace and outlive the setup shell, so later nsenter calls find the same namespaces.
        var command = new List<string>
        {
            "nsenter", $"--net=/run/netns/{_names.Netns(node)}", "--",
            "unshare", $"--mount={mountNs}", $"--uts={utsNs}", "--propagation", "private",
            "sh", "-euc", NamespaceSetupScript, "sh", _paths.NodeDirectory(node), LabNames.HostName(node),
            _paths.EtcUpper(node), _paths.EtcWork(node),
        };
        foreach (var bind in NodeBind.All.Where(b => !b.IsEtcFile))
        {
            command.Add(_paths.NodeBindSource(node, bind));
            command.Add(bind.Target);
        }
        await _runner.RunCheckedAsync(command, cancellationToken).ConfigureAwait(false);
        _logger.LogDebug("node {Node}: namespaces ready ({Netns}, {Address})", node, _names.Netns(node),
            _addressing.Node(node, 0).ToString());
    }
}
