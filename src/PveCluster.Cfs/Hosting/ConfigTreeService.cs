using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Persistence;
using PveCluster.Cfs.Replication;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;
using PveCluster.Corosync.Cfg;
using PveCluster.Corosync.Cpg;
using PveCluster.Corosync.Quorum;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Opens the database and provides the tree: <see cref="LocalConfigTree"/> in local mode, otherwise
/// a <see cref="ReplicatedConfigTree"/> over the file-tree CPG group, gated by corosync quorum.
/// Also feeds <see cref="ClusterMembership"/> for the generated views. Registered first so that it
/// starts before and stops after the mount.
/// </summary>
internal sealed class ConfigTreeService(
    CfsOptions options,
    ClusterMembership membership,
    ClusterLog clusterLog,
    ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The CPG group of the file tree (pmxcfs calls its group pve_dcdb_v1).</summary>
    public const string TreeGroupName = "pve_dcdb_v1";

    private readonly ILogger _logger = loggers.CreateLogger<ConfigTreeService>();
    private ConfigDatabase? _database;
    private ConfigTreeBase? _tree;
    private ReplicatedConfigTree? _replicated;
    private CpgGroup? _cpg;
    private QuorumMonitor? _quorum;

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
        if (_replicated is not null)
            await _replicated.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_replicated is not null)
            await _replicated.DisposeAsync().ConfigureAwait(false);
        else
            _tree?.Dispose();
        if (_cpg is not null)
            await _cpg.DisposeAsync().ConfigureAwait(false);
        if (_quorum is not null)
            await _quorum.DisposeAsync().ConfigureAwait(false);
        _database?.Dispose();
    }

    private void StartLocal(ConfigDatabase database)
    {
        var nodeId = LocalNodeIdFromTree(database);
        _tree = new LocalConfigTree(database, nodeId ?? 0, loggers.CreateLogger<LocalConfigTree>());
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
        uint nodeId;
        using (var cfg = CfgClient.Connect(corosyncLogger))
            nodeId = cfg.GetLocalNodeId();

        _quorum = await QuorumMonitor.StartAsync(corosyncLogger, cancellationToken).ConfigureAwait(false);
        _cpg = await CpgGroup.JoinAsync(TreeGroupName, corosyncLogger, cancellationToken).ConfigureAwait(false);
        var logger = loggers.CreateLogger<ReplicatedConfigTree>();
        var votes = new CorosyncConfQuorum(database, options.LocalCorosyncConf, logger);
        _replicated = new ReplicatedConfigTree(database, _cpg, _quorum, votes, nodeId, logger);
        _tree = _replicated;

        var replicated = _replicated;
        replicated.StatusChanged += (_, _) => membership.SetOnline(replicated.MemberNodeIds);
        _quorum.QuorateChanged += (_, quorate) => membership.SetQuorate(quorate);
        membership.SetQuorate(_quorum.IsQuorate);
        await replicated.StartAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("node {Node} (id {NodeId}) joined CPG group {Group}", options.NodeName, nodeId, TreeGroupName);
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
