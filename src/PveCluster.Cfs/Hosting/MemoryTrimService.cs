using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// The work kept off the write path until a burst of changes is over (see <see cref="MemoryTrimSchedule"/>):
/// the SQLite WAL checkpoint (copying the WAL into the database file and fsyncing it, which SQLite
/// would otherwise do inside a commit a writer waits for), then one compacting collection that gives
/// the heap the burst left behind back to the system (the GC keeps free regions committed for a while).
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
                {
                    Checkpoint();
                    Trim();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private void Checkpoint()
    {
        try
        {
            if (trees.Database.Checkpoint() && logger.IsEnabled(LogLevel.Debug))
                logger.LogDebug("WAL checkpointed after a burst of changes");
        }
        catch (Microsoft.Data.Sqlite.SqliteException e)
        {
            // Nothing is lost: the WAL keeps every commit; the next burst's pause (or SQLite's own bound) checkpoints it.
            logger.LogWarning("WAL checkpoint failed: {Reason}", e.Message);
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
