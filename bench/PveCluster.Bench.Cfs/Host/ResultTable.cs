using System.Globalization;
using System.Text;
using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Renders the pmxcfs figures next to the reference figures, with the ratio pmxcfs / reference.</summary>
public static class ResultTable
{
    public static string Render(BenchOptions options, int tokenMs, WorkloadResult pmxcfs, WorkloadResult reference, string referenceFileSystem)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"pve-bench-cfs: {options.Files} files x {options.Size} B, measured inside n1 of a {options.Nodes}-node lab (real corosync, token {tokenMs} ms)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  pmxcfs:    {pmxcfs.Directory} (FUSE; every write ordered through CPG and committed to SQLite in /var/lib/pve-cluster, {referenceFileSystem})");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  reference: {reference.Directory} (plain directory of the same node, {referenceFileSystem}; no fsync)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"  reads: {pmxcfs.ReadPasses} passes of open+read+close over the files just written (warm caches)");
        text.AppendLine();

        var rows = new (string Metric, double Pmxcfs, double Reference, string Format)[]
        {
            ("create+write+close  files/s", pmxcfs.FilesPerSecond, reference.FilesPerSecond, "F0"),
            ("  latency p50       ms", pmxcfs.LatencyP50Ms, reference.LatencyP50Ms, "F3"),
            ("  latency p99       ms", pmxcfs.LatencyP99Ms, reference.LatencyP99Ms, "F3"),
            ("  latency max       ms", pmxcfs.LatencyMaxMs, reference.LatencyMaxMs, "F3"),
            ("read                MiB/s", pmxcfs.ReadMiBPerSecond, reference.ReadMiBPerSecond, "F1"),
        };
        text.AppendLine(CultureInfo.InvariantCulture, $"{"metric",-28} {"pmxcfs",12} {"reference",12} {"pmxcfs/ref",12}");
        text.AppendLine(new string('-', 28 + 3 * 13));
        foreach (var (metric, value, referenceValue, format) in rows)
        {
            var ratio = referenceValue > 0 ? (value / referenceValue).ToString("F3", CultureInfo.InvariantCulture) : "n/a";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{metric,-28} {value.ToString(format, CultureInfo.InvariantCulture),12} {referenceValue.ToString(format, CultureInfo.InvariantCulture),12} {ratio,12}");
        }
        return text.ToString();
    }
}
