using Microsoft.Extensions.Logging;
using PveCluster.Lab.Naming;
using PveCluster.Lab.Network;
using PveCluster.Lab.Processes;
using PveCluster.Lab.State;

namespace PveCluster.Lab;

/// <summary>
/// A lab: N cluster nodes on this machine, each a network + persistent mount + UTS namespace
/// running real corosync, wired through one host bridge per knet link. Create one with
/// <see cref="CreateAsync"/>, reopen an existing one with <see cref="Open"/>; disposing the
/// object does not tear the lab down, <see cref="DownAsync"/> does.
/// </summary>
public sealed partial class LabCluster
{
    /// <summary>Environment variable that selects a lab when no --lab is given.</summary>
    public const string LabIdVariable = "PVELAB_ID";

    /// <summary>Environment variable with the published binaries directory.</summary>
    public const string ArtifactsVariable = "PVE_ARTIFACTS";

    private readonly LabState _state;
    private readonly LabPaths _paths;
    private readonly LabNames _names;
    private readonly LabAddressing _addressing;
    private readonly CommandRunner _runner;
    private readonly DaemonLauncher _launcher;
    private readonly ProcessStopper _stopper;
    private readonly ILogger _logger;
    private readonly Lock _stateLock = new();

    private LabCluster(LabState state, LabPaths paths, ILogger logger)
    {
        _state = state;
        _paths = paths;
        _names = new LabNames(state.Id);
        _addressing = new LabAddressing(state.SubnetIndex);
        _logger = logger;
        _runner = new CommandRunner(logger);
        _launcher = new DaemonLauncher(_runner, logger);
        _stopper = new ProcessStopper(_runner, logger);
        var artifacts = state.Options.ArtifactsDirectory;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/sbin:/usr/bin:/sbin:/bin";
        _runner.Environment["PATH"] = string.IsNullOrEmpty(artifacts) ? path : $"{artifacts}:{path}";
        // The same path in every node: it lies in the node's private /run.
        _runner.Environment[ServiceControlVariable] = Services.ServiceRunDirectory.ControlScript;
    }

    public string Id => _state.Id;

    public LabOptions Options => _state.Options;

    public int NodeCount => _state.Options.NodeCount;

    /// <summary>Node numbers 1..N.</summary>
    public IEnumerable<int> Nodes => Enumerable.Range(1, NodeCount);

    /// <summary>/run/pvelab/&lt;id&gt;: state record, authkey, per-node private directories.</summary>
    public string RootDirectory => _paths.Root;

    public LabAddressing Addressing => _addressing;

    public LabNames Names => _names;

    /// <summary>Where the published pvecm/pmxcfs binaries come from (first on PATH inside the nodes).</summary>
    public string? ArtifactsDirectory => _state.Options.ArtifactsDirectory;

    /// <summary>Everything this lab has created so far, in creation order.</summary>
    public IReadOnlyList<LabResource> Resources => _state.Resources.ToList();

    /// <summary>Daemons running in this lab: node services (corosync, sshd, pmxcfs, pvedaemon, pveproxy) and spawned ones.</summary>
    public IReadOnlyList<LabProcess> Processes => [.. ServiceProcesses(), .. _state.Processes.Where(p => ProcessProbe.IsAlive(p.Pid, p.Comm))];

    /// <summary>The host path that node <paramref name="node"/> sees at <paramref name="bind"/>'s target.</summary>
    public string NodePath(int node, NodeBind bind) => _paths.NodeBindSource(CheckNode(node), bind);

    /// <summary>corosync's log file of a node (as seen from the host).</summary>
    public string CorosyncLogPath(int node) => _paths.CorosyncLog(CheckNode(node));

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

    private int CheckNode(int node) =>
        (node >= 1 && node <= NodeCount) || (node == LabNames.QnetdHost && Options.Qnetd)
            ? node
            : throw new LabException($"bad node {node} (this lab has nodes 1..{NodeCount}{(Options.Qnetd ? $" and the qnetd host {LabNames.QnetdHost}" : "")})");

    /// <summary>Every host of the lab: the nodes, then the qnetd arbiter if there is one.</summary>
    private IEnumerable<int> Hosts => Options.Qnetd ? Nodes.Append(LabNames.QnetdHost) : Nodes;

    private IEnumerable<int> LinksOf(int? link)
    {
        if (link is null)
        {
            return Enumerable.Range(0, Options.Links);
        }
        return link >= 0 && link < Options.Links
            ? [link.Value]
            : throw new LabException($"bad link {link} (this lab has links 0..{Options.Links - 1})");
    }

    /// <summary>
    /// Applies a change to the state and persists it if the change reports it did something. The change
    /// is applied to the record on disk under a file lock, so two `pvelab` processes working on the same
    /// lab (say, spawn on node 1 and node 2 at once) do not overwrite each other's records.
    /// </summary>
    private void Record(Func<LabState, bool> change)
    {
        lock (_stateLock)
        {
            using var fileLock = LabStateStore.Lock(_paths);
            var current = File.Exists(_paths.StateFile) ? LabStateStore.Load(_paths) : _state;
            if (change(current))
            {
                LabStateStore.Save(_paths, current);
            }
            if (!ReferenceEquals(current, _state))
            {
                _state.Resources.Clear();
                _state.Resources.AddRange(current.Resources);
                _state.Processes.Clear();
                _state.Processes.AddRange(current.Processes);
                _state.ConfigVersion = current.ConfigVersion;
            }
        }
    }

    private void RecordResource(LabResourceKind kind, string name) =>
        Record(state =>
        {
            state.Resources.Add(new LabResource(kind, name));
            return true;
        });

    /// <summary>Resolves the artifacts directory: explicit, $PVE_ARTIFACTS, or &lt;repo&gt;/artifacts/bin.</summary>
    internal static string? ResolveArtifactsDirectory(string? explicitDirectory)
    {
        if (!string.IsNullOrEmpty(explicitDirectory))
        {
            return Path.GetFullPath(explicitDirectory);
        }
        var fromEnvironment = Environment.GetEnvironmentVariable(ArtifactsVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }
        // A published pvelab sits next to pvecm in the artifacts directory.
        if (File.Exists(Path.Combine(AppContext.BaseDirectory, "pvecm")))
        {
            return Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/');
        }
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PveCluster.slnx")))
            {
                return Path.Combine(directory.FullName, "artifacts", "bin");
            }
        }
        return null;
    }
}
