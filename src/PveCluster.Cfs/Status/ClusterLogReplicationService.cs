using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Hosting;
using PveCluster.Corosync;
using PveCluster.Corosync.Cpg;

namespace PveCluster.Cfs.Status;

/// <summary>
/// Cluster mode only: joins the status CPG group and replicates <see cref="ClusterLog"/> over it.
/// Not gated by quorum (a minority partition still logs and shares its log) and not persisted.
/// Registered before the tree service so that its start-up message already goes out. When corosync does not answer
/// at start, the group is joined in the background once it does; the resync after joining repeats the newest entries.
/// </summary>
internal sealed class ClusterLogReplicationService(ClusterLog clusterLog, TimeProvider clock, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    /// <summary>The status CPG group (pmxcfs carries its cluster log in a group of this name).</summary>
    public const string StatusGroupName = "pve_kvstore_v1";

    private readonly ILogger _logger = loggers.CreateLogger<ClusterLogReplicator>();
    private readonly CancellationTokenSource _stopping = new();
    private Task _joining = Task.CompletedTask;
    private CpgGroup? _group;
    private ClusterLogReplicator? _replicator;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await JoinAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CorosyncException)
        {
            // ConfigTreeService says what this means for /etc/pve; the retry below logs the attempts.
            _joining = Task.Run(() => JoinInBackgroundAsync(_stopping.Token), CancellationToken.None);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _joining.WaitAsync(cancellationToken).ConfigureAwait(false);
        await LeaveAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await LeaveAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task LeaveAsync()
    {
        if (_replicator is not null)
            await _replicator.DisposeAsync().ConfigureAwait(false);
        _replicator = null;
        if (_group is not null)
            await _group.DisposeAsync().ConfigureAwait(false);
        _group = null;
    }

    private async Task JoinAsync(CancellationToken cancellationToken)
    {
        var group = await CpgGroup.JoinAsync(StatusGroupName, loggers.CreateLogger("PveCluster.Corosync"), cancellationToken).ConfigureAwait(false);
        _group = group;
        _replicator = new ClusterLogReplicator(clusterLog, group, _logger);
        await _replicator.StartAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("joined CPG group {Group} for the cluster log", StatusGroupName);
    }

    private async Task JoinInBackgroundAsync(CancellationToken stopping)
    {
        try
        {
            await CorosyncConnectRetry.ConnectAsync(
                "the cluster log", async token => { await JoinAsync(token).ConfigureAwait(false); return true; },
                new ReconnectBackoff(), clock, _logger, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping before corosync came up.
        }
    }
}
