namespace PveCluster.Bench.Cfs.Worker;

/// <summary>Wall times of repeated runs of one command inside a node, each from spawn to exit.</summary>
public sealed record TimedCommandSample(string Command, double[] WallMs)
{
    public double MedianMs => Percentiles.Of([.. WallMs.Order()], 50);
}
