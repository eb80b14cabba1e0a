using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Fuse;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Mounts the file system at start (after detaching a stale mount left by a crash) and unmounts it
/// cleanly at stop. If the mount disappears underneath (someone ran umount), the daemon stops.
/// </summary>
internal sealed class FuseMountService(
    CfsOptions options,
    ConfigTreeService trees,
    ClusterMembership membership,
    ClusterLog clusterLog,
    DebugSwitch debug,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : IHostedService, IDisposable
{
    private readonly ILogger _logger = loggers.CreateLogger<FuseMountService>();
    private readonly CancellationTokenSource _stopping = new();
    private FuseMount? _mount;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A crashed instance leaves a dead mount ("Transport endpoint is not connected") that even
        // blocks stat, so it goes before anything touches the directory.
        FuseMount.UnmountStale(options.MountPoint, _logger);
        Directory.CreateDirectory(options.MountPoint);

        var tree = trees.Tree;
        var views = GeneratedViews.Create(options.NodeName, tree, membership, clusterLog, debug, clock, loggers);
        var fileSystem = new CfsFileSystem(
            tree, views, new FileModes(WwwDataGroup.Resolve()), clock, loggers.CreateLogger<CfsFileSystem>(), _stopping.Token);
        _mount = FuseMount.Mount(options.MountPoint, fileSystem, loggers.CreateLogger<FuseMount>());
        _logger.LogInformation("mounted at {MountPoint} as node {Node}", options.MountPoint, options.NodeName);

        _mount.Completion.ContinueWith(
            _ =>
            {
                if (!_stopping.IsCancellationRequested)
                {
                    _logger.LogError("{MountPoint} was unmounted from outside; stopping", options.MountPoint);
                    lifetime.StopApplication();
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_mount is not null)
        {
            // Unmounting waits for in-flight FUSE requests; do not block the host's stop thread on it.
            await Task.Run(_mount.Dispose, CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("unmounted {MountPoint}", options.MountPoint);
        }
    }

    public void Dispose()
    {
        _mount?.Dispose();
        _stopping.Dispose();
    }
}
