using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Tree;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Runs <see cref="CorosyncConfSynchronizer"/> once at start and after every change of
/// /corosync.conf in the tree (cluster mode only). Change notifications are coalesced so a burst
/// of writes to the file leads to one pass over its final content.
/// </summary>
internal sealed class CorosyncConfSyncService(
    ConfigTreeService trees,
    ICorosyncReloader reloader,
    ClusterLog clusterLog,
    CfsOptions options,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<CorosyncConfSyncService>();
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tree = trees.Tree;
        var synchronizer = new CorosyncConfSynchronizer(
            tree, reloader, clusterLog, options.LocalCorosyncConf, loggers.CreateLogger<CorosyncConfSynchronizer>());
        tree.Changed += OnTreeChanged;
        try
        {
            _changes.Writer.TryWrite(true);
            await foreach (var _ in _changes.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await synchronizer.SyncAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _logger.LogError(e, "cannot install the cluster corosync.conf as {Path}", options.LocalCorosyncConf);
                    clusterLog.Add(ClusterLog.Error, "pmxcfs", "root@pam", $"cannot write {options.LocalCorosyncConf}: {e.Message}");
                }
            }
        }
        finally
        {
            tree.Changed -= OnTreeChanged;
        }
    }

    private void OnTreeChanged(object? sender, TreeChangedEventArgs e)
    {
        if (e.Path == ClusterConfigurationSource.CorosyncConfPath)
            _changes.Writer.TryWrite(true);
    }
}
