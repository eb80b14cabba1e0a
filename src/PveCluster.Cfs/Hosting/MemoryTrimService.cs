using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Returns the memory a burst of changes left behind. The GC sizes its youngest generation after
/// the CPU cache (tens of MB here), so after a few thousand writes the heap stays that large while
/// the live tree is a fraction of it; one compacting collection in the pause after the burst gives
/// the free part back to the system. It runs on a quiet daemon only (see <see cref="MemoryTrimSchedule"/>).
/// </summary>
internal sealed class MemoryTrimService(ConfigTreeService trees, TimeProvider clock, ILogger<MemoryTrimService> logger) : BackgroundService
{
    /// <summary>How long the tree must stay unchanged before the trim.</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tree = trees.Tree;
        var schedule = new MemoryTrimSchedule(tree.TreeVersion);
        using var timer = new PeriodicTimer(QuietInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                if (schedule.IsDue(tree.TreeVersion))
                    Trim();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Trim()
    {
        var before = GC.GetTotalMemory(forceFullCollection: false);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (logger.IsEnabled(LogLevel.Debug))
            logger.LogDebug("memory trimmed after a burst of changes: managed heap {Before} -> {After} bytes", before, GC.GetTotalMemory(false));
    }
}
