namespace PveCluster.Bench.Cfs.Worker;

/// <summary>What one worker run measured in one directory; travels from the node to the host as JSON.</summary>
public sealed record WorkloadResult(
    string Directory,
    int Files,
    int FileSize,
    double CreateSeconds,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    int ReadPasses,
    long BytesRead,
    double ReadSeconds)
{
    public double FilesPerSecond => Files / CreateSeconds;

    public double ReadMiBPerSecond => BytesRead / (1024.0 * 1024.0) / ReadSeconds;
}
