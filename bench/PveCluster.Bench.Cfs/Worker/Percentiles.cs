namespace PveCluster.Bench.Cfs.Worker;

/// <summary>Nearest-rank percentiles of a sample.</summary>
public static class Percentiles
{
    /// <summary>The smallest value with at least <paramref name="percent"/> % of the sample at or below it.</summary>
    public static double Of(IReadOnlyList<double> sortedAscending, double percent)
    {
        if (sortedAscending.Count == 0)
            throw new ArgumentException("no samples", nameof(sortedAscending));
        var rank = (int)Math.Ceiling(percent / 100.0 * sortedAscending.Count);
        return sortedAscending[Math.Clamp(rank, 1, sortedAscending.Count) - 1];
    }
}
