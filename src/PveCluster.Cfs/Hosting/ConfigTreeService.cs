using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;
using PveCluster.Corosync;
using PveCluster.Corosync.Cfg;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Opens the database and provides the tree: <see cref="LocalConfigTree"/> in local mode, otherwise
/// a <see cref="ReplicatedConfigTree"/> over the file-tree CPG group, gated by corosync quorum.
/// Also feeds <see cref="ClusterMembership"/> for the generated views. Registered first so that it
/// starts before and stops after the mount.
/// When corosync does not answer at start (stopped, or not started yet: Proxmox starts pmxcfs before corosync), the
/// tree is served read-only and the service keeps connecting in the background; once corosync answers, the replicated
/// tree takes over and the node joins and syncs like any restarted member.
/// </summary>
internal sealed class ConfigTreeService(
    CfsOptions options,
    ClusterMembership membership,
    ClusterLog clusterLog,
    TimeProvider clock,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The CPG group of the file tree (pmxcfs calls its group pve_dcdb_v1).</summary>
    public const string TreeGroupName = "pve_dcdb_v1";

    private readonly ILogger _logger = loggers.CreateLogger<ConfigTreeService>();
    private ConfigDatabase? _database;
    private IConfigTree? _tree;
    private ConfigTreeBase? _ownTree;
    private ReplicatedConfigTree? _replicated;
    private CpgGroup? _cpg;
    private QuorumMonitor? _quorum;
    private readonly CancellationTokenSource _stopping = new();
    private Task _connecting = Task.CompletedTask;

    public IConfigTree Tree => _tree ?? throw new InvalidOperationException("the tree is not open yet");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        _database = ConfigDatabase.Open(options.DatabasePath, TreeLimits.Proxmox, loggers.CreateLogger<ConfigDatabase>());
        if (options.LocalMode)
            StartLocal(_database);
        else
            await StartClusterAsync(_database, cancellationToken).ConfigureAwait(false);
        clusterLog.Add(ClusterLog.Info, "pmxcfs", "root@pam", options.LocalMode ? "starting in local mode" : "starting cluster file system");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _connecting.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_replicated is not null)
            await _replicated.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_replicated is not null)
            await _replicated.DisposeAsync().ConfigureAwait(false);
        _ownTree?.Dispose();
        _stopping.Dispose();
        if (_cpg is not null)
            await _cpg.DisposeAsync().ConfigureAwait(false);
        if (_quorum is not null)
            await _quorum.DisposeAsync().ConfigureAwait(false);
        _database?.Dispose();
    }

    private void StartLocal(ConfigDatabase database)
    {
        var nodeId = LocalNodeIdFromTree(database);
        _ownTree = new LocalConfigTree(database, nodeId ?? 0, loggers.CreateLogger<LocalConfigTree>());
        _tree = _ownTree;
        // Like pmxcfs -l: this node counts as quorate and is the only one online.
        membership.SetQuorate(true);
        membership.SetOnline(nodeId is { } id ? [id] : []);
        _logger.LogInformation("local mode ({Reason}): serving {Database} without corosync; every write is allowed",
            options.LocalModeReason ?? "forced by --local", options.DatabasePath);
    }

    private async Task StartClusterAsync(ConfigDatabase database, CancellationToken cancellationToken)
    {
        if (options.ImportedCorosyncConf)
            _logger.LogInformation("new database: imported {CorosyncConf} as /corosync.conf", options.LocalCorosyncConf);
        var corosyncLogger = loggers.CreateLogger("PveCluster.Corosync");
        try
        {
            var connection = await ConnectAsync(corosyncLogger, cancellationToken).ConfigureAwait(false);
            _tree = await StartReplicatedAsync(database, connection, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (CorosyncException e)
        {
            _logger.LogWarning(
                "corosync does not answer ({Reason}): serving {MountPoint} read-only from {Database} and connecting in the background",
                e.Message, options.MountPoint, options.DatabasePath);
        }

        var readOnly = new ReadOnlyConfigTree(database);
        _ownTree = readOnly;
        var attachable = new AttachableConfigTree(readOnly);
        _tree = attachable;
        membership.SetQuorate(false);
        membership.SetOnline([]);
        _connecting = Task.Run(() => ConnectInBackgroundAsync(database, attachable, corosyncLogger, _stopping.Token), CancellationToken.None);
    }

    private async Task ConnectInBackgroundAsync(ConfigDatabase database, AttachableConfigTree attachable, ILogger corosyncLogger, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(ReconnectBackoff.DefaultInitial, clock, stopping).ConfigureAwait(false);
            var connection = await CorosyncConnectRetry.ConnectAsync(
                "the file tree", token => ConnectAsync(corosyncLogger, token), new ReconnectBackoff(), clock, _logger, stopping).ConfigureAwait(false);
            var replicated = await StartReplicatedAsync(database, connection, stopping).ConfigureAwait(false);
            attachable.Attach(replicated);
            _logger.LogInformation("{MountPoint} is served by the cluster again (writable once quorate and synced)", options.MountPoint);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping before corosync came up.
        }
    }

    /// <summary>This node's id, the quorum monitor and the joined file-tree group; nothing stays open when a step fails.</summary>
    private static async Task<(uint NodeId, QuorumMonitor Quorum, CpgGroup Cpg)> ConnectAsync(ILogger corosyncLogger, CancellationToken cancellationToken)
    {
        uint nodeId;
        using (var cfg = CfgClient.Connect(corosyncLogger))
            nodeId = cfg.GetLocalNodeId();

        var quorum = await QuorumMonitor.StartAsync(corosyncLogger, cancellationToken).ConfigureAwait(false);
        try
        {
            var cpg = await CpgGroup.JoinAsync(TreeGroupName, corosyncLogger, cancellationToken).ConfigureAwait(false);
            return (nodeId, quorum, cpg);
        }
        catch
        {
            await quorum.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task<ReplicatedConfigTree> StartReplicatedAsync(
        ConfigDatabase database, (uint NodeId, QuorumMonitor Quorum, CpgGroup Cpg) connection, CancellationToken cancellationToken)
    {
        var (nodeId, quorum, cpg) = connection;
        _quorum = quorum;
        _cpg = cpg;
        var logger = loggers.CreateLogger<ReplicatedConfigTree>();
        var votes = new CorosyncConfQuorum(database, options.LocalCorosyncConf, logger);
        var replicated = new ReplicatedConfigTree(database, cpg, quorum, votes, nodeId, logger);
        _replicated = replicated;

        replicated.StatusChanged += (_, _) => membership.SetOnline(replicated.MemberNodeIds);
        quorum.QuorateChanged += (_, quorate) => membership.SetQuorate(quorate);
        membership.SetQuorate(quorum.IsQuorate);
        await replicated.StartAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("node {Node} (id {NodeId}) joined CPG group {Group}", options.NodeName, nodeId, TreeGroupName);
        return replicated;
    }

    /// <summary>In local mode there is no corosync to ask, so the id comes from the tree's corosync.conf.</summary>
    private uint? LocalNodeIdFromTree(ConfigDatabase database)
    {
        if (database.ReadFile(ClusterConfigurationSource.CorosyncConfPath) is not { } content)
            return null;
        try
        {
            var cluster = new CorosyncConfParser().Parse(Encoding.UTF8.GetString(content.Span));
            return cluster.Nodes.FirstOrDefault(n => n.Name == options.NodeName)?.NodeId;
        }
        catch (FormatException e)
        {
            _logger.LogWarning("cannot read the node id from the cluster corosync.conf: {Reason}", e.Message);
            return null;
        }
    }
}
