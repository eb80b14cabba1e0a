using System.Globalization;
using System.Text;
using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Cfs.Host;

/// <summary>Renders <c>--join</c>: each join's wall time against the goal, then every traced step of each command.</summary>
public static class JoinTable
{
    public static string Render(JoinReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"pve-bench-cfs --join: `pvecm create` on n1, then `pvecm add <n1>` on n2..n{report.Nodes} in turn (standalone lab hosts, API join); "
            + $"load average {report.LoadBefore} before, {report.LoadAfter} after");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"command",-28} {"wall s",8} {"quorate+synced s",17} {"goal s",7}");
        text.AppendLine(new string('-', 63));
        text.AppendLine(CultureInfo.InvariantCulture, $"{"n1: pvecm create",-28} {Seconds(report.Create.TotalMs),8} {"",17} {"",7}");
        foreach (var join in report.Joins)
        {
            var synced = join.QuorateSyncedMs is { } ms ? Seconds(ms) : "n/a";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{$"n{join.Node}: pvecm add",-28} {Seconds(join.Trace.TotalMs),8} {synced,17} {$"< {JoinReport.GoalSeconds:0}",7}");
        }

        AppendSteps(text, "n1: pvecm create", report.Create);
        foreach (var join in report.Joins)
            AppendSteps(text, $"n{join.Node}: pvecm add", join.Trace);
        return text.ToString();
    }

    private static void AppendSteps(StringBuilder text, string title, StepTrace trace)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: steps (ms each, then ms since start; a step ends with its line)");
        foreach (var (line, duration) in trace.Steps())
            text.AppendLine(CultureInfo.InvariantCulture, $"  {duration,7:F0} {line.AtMs,7:F0}  {line.Text}");
        var tail = trace.TotalMs - (trace.Lines.Count > 0 ? trace.Lines[^1].AtMs : 0);
        text.AppendLine(CultureInfo.InvariantCulture, $"  {tail,7:F0} {trace.TotalMs,7:F0}  (exit)");
    }

    private static string Seconds(double ms) => (ms / 1000).ToString("F2", CultureInfo.InvariantCulture);
}
