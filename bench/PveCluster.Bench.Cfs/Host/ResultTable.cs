using System.Globalization;
using System.Text;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Renders each binary's figures in a column, with the ratio ours / compared when there are two.</summary>
public static class ResultTable
{
    public static string Render(BenchReport report)
    {
        var options = report.Options;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"pve-bench-cfs: {options.Files} files x {options.Size} B, {options.Writers} writer(s) {(options.Spread ? "spread over every node" : "in n1")}, "
            + $"{options.Nodes}-node lab (real corosync, token {report.TokenMs} ms); reads in n1, {Worker.SmallFileWorkload.ReadPasses} passes (warm caches)");
        foreach (var subject in report.Subjects)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {subject.Label}: {subject.Program}");
        text.AppendLine();

        var rows = new (string Metric, Func<SubjectResult, double> Value, string Format)[]
        {
            ("start to mounted, max   ms", s => s.Startup.MountedMs.Max(), "F0"),
            ("start to quorate+synced ms", s => s.Startup.QuorateSyncedMs, "F0"),
            ("RSS idle, max node      MB", s => Megabytes(s.ResidentIdleKiB.Max()), "F1"),
            ("create+write+close files/s", s => s.Write.FilesPerSecond, "F0"),
            ("  latency p50           ms", s => s.Write.P50Ms, "F3"),
            ("  latency p99           ms", s => s.Write.P99Ms, "F3"),
            ("  latency max           ms", s => s.Write.MaxMs, "F3"),
            ("read                 MiB/s", s => s.Read.MiBPerSecond, "F1"),
            ("RSS after, max node     MB", s => Megabytes(s.ResidentAfterKiB.Max()), "F1"),
        };
        var compared = report.Subjects.Count > 1;
        text.Append(CultureInfo.InvariantCulture, $"{"metric",-28}");
        foreach (var subject in report.Subjects)
            text.Append(CultureInfo.InvariantCulture, $" {subject.Label,12}");
        text.AppendLine(compared ? $" {"ratio",12}" : "");
        text.AppendLine(new string('-', 28 + 13 * (report.Subjects.Count + (compared ? 1 : 0))));
        foreach (var (metric, value, format) in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{metric,-28}");
            foreach (var subject in report.Subjects)
                text.Append(CultureInfo.InvariantCulture, $" {value(subject).ToString(format, CultureInfo.InvariantCulture),12}");
            text.AppendLine(compared ? $" {Ratio(value(report.Subjects[0]), value(report.Subjects[1])),12}" : "");
        }

        if (report.StatusCommands is { } status)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"n1, median of {status.PvecmStatus.WallMs.Length}: `pvecm status` {status.PvecmStatus.MedianMs:F1} ms, "
                + $"`corosync-quorumtool -s` {status.QuorumTool.MedianMs:F1} ms, ratio {Ratio(status.PvecmStatus.MedianMs, status.QuorumTool.MedianMs)}");
        }
        return text.ToString();
    }

    private static double Megabytes(long kib) => kib / 1024.0;

    private static string Ratio(double value, double reference) =>
        reference > 0 ? (value / reference).ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
