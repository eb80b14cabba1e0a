namespace PveCluster.Bench.Cfs.Worker;

/// <summary>
/// What one worker process measured while creating its share of the files: the wall-clock span
/// (Unix milliseconds, comparable across the nodes of one machine) and each operation's latency.
/// </summary>
public sealed record WriteSample(string Directory, int Files, int FileSize, int Threads, double StartUnixMs, double EndUnixMs, double[] LatenciesMs);
