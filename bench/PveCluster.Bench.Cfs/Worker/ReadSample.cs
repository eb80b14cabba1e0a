namespace PveCluster.Bench.Cfs.Worker;

/// <summary>What one read pass measured: every file of a directory opened, read to its end and closed, <see cref="Passes"/> times.</summary>
public sealed record ReadSample(string Directory, int Files, int Passes, long BytesRead, double Seconds)
{
    public double MiBPerSecond => BytesRead / (1024.0 * 1024.0) / Seconds;
}
