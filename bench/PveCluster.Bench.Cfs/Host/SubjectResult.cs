using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Everything measured for one pmxcfs binary on the lab.</summary>
public sealed record SubjectResult(
    string Label,
    string Program,
    StartupFigures Startup,
    long[] ResidentIdleKiB,
    WriteFigures Write,
    ReadSample Read,
    long[] ResidentAfterKiB);

/// <summary>The writers of one run together: files over the span from the first start to the last end, and all latencies.</summary>
public sealed record WriteFigures(int Files, int Writers, int Processes, double Seconds, double P50Ms, double P99Ms, double MaxMs)
{
    public double FilesPerSecond => Files / Seconds;

    public static WriteFigures Combine(IReadOnlyList<WriteSample> samples)
    {
        var latencies = samples.SelectMany(s => s.LatenciesMs).Order().ToList();
        var seconds = (samples.Max(s => s.EndUnixMs) - samples.Min(s => s.StartUnixMs)) / 1000.0;
        return new WriteFigures(latencies.Count, samples.Sum(s => s.Threads), samples.Count, seconds,
            Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), latencies[^1]);
    }
}

/// <summary>Wall time of <c>pvecm status</c> next to <c>corosync-quorumtool -s</c>, both in node 1 while our pmxcfs runs.</summary>
public sealed record StatusCommandFigures(TimedCommandSample PvecmStatus, TimedCommandSample QuorumTool);

/// <summary>One run of the bench: its settings, each binary's figures (ours first) and the status command timings.</summary>
public sealed record BenchReport(BenchOptions Options, int TokenMs, IReadOnlyList<SubjectResult> Subjects, StatusCommandFigures? StatusCommands);
