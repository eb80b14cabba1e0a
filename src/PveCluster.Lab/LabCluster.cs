using System.Net;
using Microsoft.Extensions.Logging;
using PveCluster.Lab.Cluster;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;
using PveCluster.Lab.Processes;
using PveCluster.Lab.Quorum;
using PveCluster.Lab.Services;
using PveCluster.Lab.State;
using PveCluster.Lab.Status;

namespace PveCluster.Lab;

/// <summary>
/// A lab: N cluster nodes on this machine, each a network + persistent mount + UTS namespace
/// running real corosync, wired through one host bridge per knet link. Create one with
/// <see cref="CreateAsync"/>, reopen an existing one with <see cref="Open"/>; disposing the
/// object does not tear the lab down, <see cref="DownAsync"/> does.
/// </summary>
/// <remarks>
/// The entry point of tests and the pvelab CLI. Each concern lives in its own service under
/// Cluster/ (build, boot, node commands, services, spawned processes, link faults, delays, status,
/// teardown); this type wires them to one lab and forwards to them.
/// </remarks>
public sealed class LabCluster
{
    /// <summary>Environment variable that selects a lab when no --lab is given.</summary>
    public const string LabIdVariable = "PVELAB_ID";

    /// <summary>Environment variable with the published binaries directory.</summary>
    public const string ArtifactsVariable = "PVE_ARTIFACTS";

    /// <summary>Environment variable through which pvecm starts and stops node services.</summary>
    public const string ServiceControlVariable = "PVE_SERVICE_CONTROL";

    /// <summary>What the delay holder prints once its queue is bound; the iptables rule goes in only after that.</summary>
    public const string DelayHolderReady = PacketDelays.HolderReady;

    private readonly LabState _state;
    private readonly LabPaths _paths;
    private readonly LabTopology _topology;
    private readonly NodeShell _shell;
    private readonly NodeServices _services;
    private readonly SpawnedProcesses _spawned;
    private readonly LinkFaults _faults;
    private readonly PacketDelays _delays;
    private readonly LabStatusReader _status;
    private readonly LabBuilder _builder;
    private readonly LabBoot _boot;
    private readonly LabTeardown _teardown;

    private LabCluster(LabState state, LabPaths paths, ILogger logger)
    {
        _state = state;
        _paths = paths;
        Names = new LabNames(state.Id);
        Addressing = new LabAddressing(state.SubnetIndex);
        var runner = new CommandRunner(logger);
        var artifacts = new LabArtifacts(state.Options.ArtifactsDirectory);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        runner.Environment["PATH"] = string.IsNullOrEmpty(artifacts.Directory) ? path : $"{artifacts.Directory}:{path}";
        // The same path in every node: it lies in the node's private /run.
        runner.Environment[ServiceControlVariable] = ServiceRunDirectory.ControlScript;

        var stopper = new ProcessStopper(runner, logger);
        var journal = new LabStateJournal(state, paths);
        _topology = new LabTopology(state.Options);
        _shell = new NodeShell(_topology, Names, paths, runner);
        _services = new NodeServices(_topology, paths, _shell, artifacts, stopper, logger);
        _spawned = new SpawnedProcesses(_topology, paths, journal, _shell, new DaemonLauncher(runner, logger), stopper, logger);
        _faults = new LinkFaults(_topology, Names, _shell, runner, logger);
        _delays = new PacketDelays(_topology, paths, _shell, _spawned, artifacts, logger);
        _status = new LabStatusReader(_topology, state.Options, Names, paths, _shell, _services);
        _builder = new LabBuilder(state.Options, _topology, Names, paths, Addressing, journal, runner, _shell, _services, artifacts, logger);
        _boot = new LabBoot(state.Options, _topology, _shell, _services, _status, artifacts, logger);
        _teardown = new LabTeardown(state.Id, _topology, paths, journal, _shell, _services, runner, stopper, logger);
    }

    public string Id => _state.Id;

    public LabOptions Options => _state.Options;

    public int NodeCount => _topology.NodeCount;

    /// <summary>Node numbers 1..N.</summary>
    public IEnumerable<int> Nodes => _topology.Nodes;

    /// <summary>/run/pvelab/&lt;id&gt;: state record, authkey, per-node private directories.</summary>
    public string RootDirectory => _paths.Root;

    public LabAddressing Addressing { get; }

    public LabNames Names { get; }

    /// <summary>Where the published pvecm/pmxcfs binaries come from (first on PATH inside the nodes).</summary>
    public string? ArtifactsDirectory => _state.Options.ArtifactsDirectory;

    /// <summary>Everything this lab has created so far, in creation order.</summary>
    public IReadOnlyList<LabResource> Resources => _state.Resources.ToList();

    /// <summary>Daemons running in this lab: node services (corosync, sshd, pmxcfs, pvedaemon, pveproxy) and spawned ones.</summary>
    public IReadOnlyList<LabProcess> Processes => [.. _services.Running(), .. _spawned.Running];

    /// <summary>The qnetd host's address on link0 (what `pvecm qdevice setup` is given); null without <see cref="LabOptions.Qnetd"/>.</summary>
    public IPAddress? QnetdAddress => Options.Qnetd ? Addressing.Node(LabNames.QnetdHost, 0) : null;

    /// <summary>The host path that node <paramref name="node"/> sees at <paramref name="bind"/>'s target.</summary>
    public string NodePath(int node, NodeBind bind) => _paths.NodeBindSource(_topology.CheckNode(node), bind);

    /// <summary>corosync's log file of a node (as seen from the host).</summary>
    public string CorosyncLogPath(int node) => _paths.CorosyncLog(_topology.CheckNode(node));

    /// <summary>Output file of a spawned process (or corosync's stderr) as seen from the host.</summary>
    public string ProcessLogPath(int node, string name) => _paths.ProcessLog(_topology.CheckNode(node), name);

    /// <summary>Ids of every lab on this machine.</summary>
    public static IReadOnlyList<string> ListIds(string baseDirectory = LabPaths.DefaultBaseDirectory) =>
        LabStateStore.ListIds(baseDirectory);

    /// <summary>
    /// Opens an existing lab: <paramref name="id"/>, else $PVELAB_ID, else the only lab there is.
    /// </summary>
    public static LabCluster Open(string? id, ILogger logger, string baseDirectory = LabPaths.DefaultBaseDirectory)
    {
        id ??= Environment.GetEnvironmentVariable(LabIdVariable);
        if (string.IsNullOrEmpty(id))
        {
            var ids = ListIds(baseDirectory);
            id = ids.Count switch
            {
                1 => ids[0],
                0 => throw new LabException($"no lab exists (run: pvelab up N)"),
                _ => throw new LabException($"{ids.Count} labs exist ({string.Join(", ", ids)}); pick one with --lab ID or {LabIdVariable}"),
            };
        }
        if (!LabNames.IsValidId(id))
        {
            throw new LabException($"invalid lab id '{id}'");
        }
        var paths = new LabPaths(baseDirectory, id);
        return new LabCluster(LabStateStore.Load(paths), paths, logger);
    }

    /// <summary>
    /// Builds a new lab (namespaces, bridges, veths, private dirs, corosync.conf, authkey) and, unless
    /// <see cref="LabOptions.StartCorosync"/> is false, boots its nodes. A failure half-way
    /// tears down whatever was built.
    /// </summary>
    public static async Task<LabCluster> CreateAsync(
        LabOptions options, ILogger logger, CancellationToken cancellationToken, string baseDirectory = LabPaths.DefaultBaseDirectory)
    {
        options.Validate();
        LabPrerequisites.ThrowIfMissing();
        options = options with { ArtifactsDirectory = LabArtifacts.Resolve(options.ArtifactsDirectory) };

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

        int subnet;
        try
        {
            subnet = await SubnetAllocator.ClaimAsync(baseDirectory, id, new CommandRunner(logger), cancellationToken).ConfigureAwait(false);
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
            await lab._builder.BuildAsync(cancellationToken).ConfigureAwait(false);
            if (options.StartCorosync)
            {
                await lab._boot.StartNodesAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>Removes the whole lab; see <see cref="LabTeardown"/> for the order.</summary>
    public Task DownAsync(CancellationToken cancellationToken) => _teardown.DownAsync(cancellationToken);

    /// <summary>Tears down every lab found under <paramref name="baseDirectory"/>.</summary>
    public static async Task DownAllAsync(ILogger logger, CancellationToken cancellationToken, string baseDirectory = LabPaths.DefaultBaseDirectory)
    {
        foreach (var id in ListIds(baseDirectory))
        {
            await Open(id, logger, baseDirectory).DownAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The command line that runs <paramref name="command"/> inside node <paramref name="node"/>
    /// (its netns, mount ns and UTS ns).
    /// </summary>
    public IReadOnlyList<string> NodeCommand(int node, IEnumerable<string> command, string? workingDirectory = null) =>
        _shell.NodeCommand(node, command, workingDirectory);

    /// <summary>Runs a command inside a node and captures its output (a non-zero exit is returned, not thrown).</summary>
    public Task<CommandResult> ExecAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _shell.ExecAsync(node, command, cancellationToken);

    /// <summary>Like <see cref="ExecAsync"/> but throws <see cref="LabCommandException"/> on a non-zero exit.</summary>
    public Task<CommandResult> ExecCheckedAsync(int node, IEnumerable<string> command, CancellationToken cancellationToken) =>
        _shell.ExecCheckedAsync(node, command, cancellationToken);

    /// <summary>Runs a command inside a node attached to the caller's terminal; returns its exit code.</summary>
    public Task<int> ExecAttachedAsync(int node, IEnumerable<string> command, string? workingDirectory, CancellationToken cancellationToken) =>
        _shell.ExecAttachedAsync(node, command, workingDirectory, cancellationToken);

    /// <summary>The running process of a node service (corosync, pve-cluster, pvedaemon, pveproxy, sshd), or null.</summary>
    public LabProcess? ServiceProcess(int node, string service) => _services.Find(node, service);

    /// <summary>
    /// Why a node service was not started at boot (the lab stays up without it). Tests that need the
    /// service name these in their failure, since they usually run the lab with a null logger.
    /// </summary>
    public IReadOnlyCollection<string> BootProblems => _boot.Problems;

    /// <summary>Output log of a node service, as seen from the host.</summary>
    public string ServiceLogPath(int node, string service) => _services.LogPath(node, service);

    /// <summary>
    /// Starts a node service exactly as pvecm does: through the node's PVE_SERVICE_CONTROL, inside the
    /// node. Returns once the service serves; throws <see cref="LabException"/> with the reason otherwise.
    /// </summary>
    public Task StartServiceAsync(int node, string service, CancellationToken cancellationToken) =>
        _services.StartAsync(node, service, cancellationToken);

    /// <summary>Stops a node service through its PVE_SERVICE_CONTROL.</summary>
    public Task StopServiceAsync(int node, string service, CancellationToken cancellationToken) =>
        _services.StopAsync(node, service, cancellationToken);

    /// <summary>The running corosync of a node, or null.</summary>
    public LabProcess? CorosyncProcess(int node) => _services.Find(node, ServiceNames.Corosync);

    /// <summary>Starts corosync on a node (no-op if it runs) through its service control and waits until its IPC answers.</summary>
    public Task StartCorosyncAsync(int node, CancellationToken cancellationToken) => _services.StartCorosyncAsync(node, cancellationToken);

    /// <summary>Stops corosync on a node: SIGTERM (clean leave) or, with <paramref name="kill"/>, SIGKILL (crash).</summary>
    public Task StopCorosyncAsync(int node, bool kill, CancellationToken cancellationToken) =>
        _services.StopCorosyncAsync(node, kill, cancellationToken);

    /// <summary>Starts corosync-qnetd on the qnetd host (after <see cref="StopQnetdAsync"/>); returns once it listens.</summary>
    public Task StartQnetdAsync(CancellationToken cancellationToken) =>
        _services.StartAsync(_topology.CheckNode(LabNames.QnetdHost), ServiceNames.CorosyncQnetd, cancellationToken);

    /// <summary>Stops corosync-qnetd on the qnetd host: the arbiter is gone, as when its server fails.</summary>
    public Task StopQnetdAsync(CancellationToken cancellationToken) =>
        _services.StopAsync(_topology.CheckNode(LabNames.QnetdHost), ServiceNames.CorosyncQnetd, cancellationToken);

    /// <summary>
    /// Runs <paramref name="command"/> in the background inside a node (a daemon such as pmxcfs), records
    /// it under <paramref name="name"/> so `stop` and teardown can end it; output goes to
    /// &lt;node dir&gt;/&lt;name&gt;.out.
    /// </summary>
    public Task<LabProcess> SpawnAsync(int node, string name, IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        _spawned.SpawnAsync(node, name, command, cancellationToken);

    /// <summary>Stops a process started with <see cref="SpawnAsync"/>; returns false if none was recorded.</summary>
    public Task<bool> StopSpawnedAsync(int node, string name, string signal, CancellationToken cancellationToken) =>
        _spawned.StopAsync(node, name, signal, cancellationToken);

    /// <summary>
    /// Cuts a node off on one link (null = all). Default: the host end of the veth goes down, so the
    /// node sees carrier loss. With <paramref name="drop"/>: iptables DROP inside the node, a silent loss.
    /// </summary>
    public Task CutAsync(int node, int? link, bool drop, CancellationToken cancellationToken) =>
        _faults.CutAsync(node, link, drop, cancellationToken);

    /// <summary>Undoes both kinds of cut on one link (null = all).</summary>
    public Task HealAsync(int node, int? link, CancellationToken cancellationToken) => _faults.HealAsync(node, link, cancellationToken);

    /// <summary>
    /// Delays node <paramref name="node"/>'s outgoing packets on a link (null = all) by
    /// <paramref name="milliseconds"/>; 0 removes the delay.
    /// </summary>
    public Task DelayAsync(int node, int milliseconds, int? link, CancellationToken cancellationToken) =>
        _delays.DelayAsync(node, milliseconds, link, cancellationToken);

    /// <summary>
    /// The quorum view of a node from `corosync-quorumtool -s`, or null when corosync does not answer
    /// there (not running, or still starting).
    /// </summary>
    public Task<QuorumToolStatus?> QuorumStatusAsync(int node, CancellationToken cancellationToken) =>
        _status.QuorumStatusAsync(node, cancellationToken);

    /// <summary>Which peers node <paramref name="node"/>'s knet reaches on which link (`corosync-cfgtool -s`).</summary>
    public Task<KnetLinkView> KnetLinksAsync(int node, CancellationToken cancellationToken) => _status.KnetLinksAsync(node, cancellationToken);

    /// <summary>Link states of a node, read from the host veth and the node's iptables rules.</summary>
    public Task<IReadOnlyList<LinkStatus>> LinkStatusAsync(int node, CancellationToken cancellationToken) =>
        _status.LinkStatusAsync(node, cancellationToken);

    /// <summary>One status line per node: corosync pid, link states, quorum view.</summary>
    public Task<IReadOnlyList<NodeStatus>> StatusAsync(CancellationToken cancellationToken) => _status.StatusAsync(cancellationToken);
}
