using System.Globalization;
using System.Text;

namespace PveCluster.Integration.Tests.Cfs.Chaos;

/// <summary>
/// What a chaos run did and found, as text for the test output and as a directory that outlives the
/// lab: report.txt, every writer's operation log, and the pmxcfs and corosync logs of every node.
/// </summary>
public sealed class ChaosReport(ChaosSettings settings, ChaosScheduler scheduler, IReadOnlyList<WriterRecord> records, IReadOnlyList<ChaosViolation> violations)
{
    /// <summary>Violations listed per category in the test's failure message; report.txt has all of them.</summary>
    private const int ShownPerCategory = 25;

    public TimeSpan Elapsed { get; init; }

    public string Summary(bool complete = false)
    {
        var text = new StringBuilder();
        Line(text, $"pmxcfs chaos run: seed {settings.Seed} (repeat with {ChaosSettings.SeedVariable}={settings.Seed}), "
            + $"chaos {settings.Duration.TotalSeconds:0} s, whole test {Elapsed.TotalSeconds:0} s");
        Line(text, $"actions: {scheduler}");
        foreach (var node in records.Select(r => r.Node).Distinct().Order())
        {
            var mine = records.Where(r => r.Node == node).ToList();
            var outcomes = mine.GroupBy(r => r.Outcome).OrderByDescending(g => g.Count())
                .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}"));
            Line(text, $"n{node}: {mine.Count} operations ({string.Join(", ", outcomes)}); "
                + $"completed per kind: {string.Join(", ", mine.Where(r => r.Succeeded).GroupBy(r => r.Op).Select(g => $"{g.Key} {g.Count()}"))}");
        }
        var counts = violations.GroupBy(v => v.Category).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Line(text, $"(a) lost acknowledged writes: {counts.GetValueOrDefault(ChaosViolation.Lost)}, "
            + $"(b) divergent paths: {counts.GetValueOrDefault(ChaosViolation.Divergent)}, "
            + $"(c) acknowledged without quorum: {counts.GetValueOrDefault(ChaosViolation.WithoutQuorum)}, "
            + $"locks held twice: {counts.GetValueOrDefault(ChaosViolation.DoubleLock)}, "
            + $"phantom entries: {counts.GetValueOrDefault(ChaosViolation.Phantom)}, "
            + $"run problems: {counts.GetValueOrDefault(ChaosViolation.Run)}");
        foreach (var group in violations.GroupBy(v => v.Category))
        {
            var shown = complete ? group.ToList() : [.. group.Take(ShownPerCategory)];
            Line(text, $"--- {group.Key} ({group.Count()}{(shown.Count < group.Count() ? $", first {shown.Count}" : "")})");
            foreach (var violation in shown)
            {
                Line(text, violation.Detail);
            }
        }
        Line(text, $"report directory: {settings.ReportDirectory}");
        return text.ToString();
    }

    /// <summary>Writes report.txt (complete lists, schedule, quorum spans) and every node's final tree, copies the logs; returns the directory.</summary>
    public string Save(PmxcfsCluster cluster, ChaosWriters writers, IReadOnlyList<NodeTree> trees)
    {
        var directory = Directory.CreateDirectory(settings.ReportDirectory).FullName;
        var text = new StringBuilder(Summary(complete: true));
        Line(text, "--- schedule");
        foreach (var line in scheduler.Events)
        {
            Line(text, line);
        }
        Line(text, "--- spans without majority (from the schedule)");
        foreach (var loss in scheduler.Timeline.Losses)
        {
            Line(text, loss.ToString());
        }
        foreach (var problem in scheduler.Problems)
        {
            Line(text, $"run problem: {problem}");
        }
        File.WriteAllText(Path.Combine(directory, "report.txt"), text.ToString());
        foreach (var tree in trees)
        {
            var lines = tree.Readable
                ? tree.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}\t{e.Value}")
                : [tree.Error];
            File.WriteAllLines(Path.Combine(directory, $"n{tree.Node}-final-tree.txt"), lines);
        }
        var lab = cluster.Lab;
        foreach (var (node, writer) in writers.All)
        {
            CopyIfPresent(writers.LogPath(node, writer), Path.Combine(directory, $"n{node}-w{writer}-operations.log"));
        }
        foreach (var node in lab.Nodes)
        {
            CopyIfPresent(lab.ProcessLogPath(node, PmxcfsCluster.ProcessName), Path.Combine(directory, $"n{node}-pmxcfs.log"));
            CopyIfPresent(lab.CorosyncLogPath(node), Path.Combine(directory, $"n{node}-corosync.log"));
        }
        return directory;
    }

    private static void CopyIfPresent(string source, string target)
    {
        if (File.Exists(source))
        {
            File.Copy(source, target, overwrite: true);
        }
    }

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
