using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Status;

/// <summary>
/// Cluster mode only: joins the status CPG group and replicates <see cref="ClusterLog"/> over it.
/// Not gated by quorum (a minority partition still logs and shares its log) and not persisted.
/// Registered before the tree service so that its start-up message already goes out.
/// </summary>
internal sealed class ClusterLogReplicationService(ClusterLog clusterLog, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The status CPG group (pmxcfs carries its cluster log in a group of this name).</summary>
    public const string StatusGroupName = "pve_kvstore_v1";

    private CpgGroup? _group;
    private ClusterLogReplicator? _replicator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<ClusterLogReplicator>();
        _group = await CpgGroup.JoinAsync(StatusGroupName, loggers.CreateLogger("PveCluster.Corosync"), cancellationToken).ConfigureAwait(false);
        _replicator = new ClusterLogReplicator(clusterLog, _group, logger);
        await _replicator.StartAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("joined CPG group {Group} for the cluster log", StatusGroupName);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_replicator is not null)
            await _replicator.DisposeAsync().ConfigureAwait(false);
        _replicator = null;
        if (_group is not null)
            await _group.DisposeAsync().ConfigureAwait(false);
        _group = null;
    }
}
