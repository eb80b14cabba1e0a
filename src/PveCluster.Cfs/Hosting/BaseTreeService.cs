using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Tree;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Creates the base directories as soon as the tree accepts writes: at once in local mode, after
/// the first quorate sync in a cluster.
/// </summary>
internal sealed class BaseTreeService(ConfigTreeService trees, CfsOptions options, TimeProvider clock, ILogger<BaseTreeService> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tree = trees.Tree;
        using var timer = new PeriodicTimer(RetryInterval, clock);
        do
        {
            if (!tree.IsWritable)
                continue;
            var result = await BaseTree.EnsureAsync(tree, options.NodeName, clock.GetUtcNow().ToUnixTimeSeconds(), stoppingToken)
                .ConfigureAwait(false);
            if (result == CfsError.None)
            {
                logger.LogDebug("base directories for node {Node} are present", options.NodeName);
                return;
            }

            logger.LogWarning("cannot create the base directories for node {Node}: {Error}; retrying", options.NodeName, result);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
