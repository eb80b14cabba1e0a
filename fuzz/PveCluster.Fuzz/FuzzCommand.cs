using System.CommandLine;
using System.Globalization;
using PveCluster.Fuzz.Engine;
using PveCluster.Fuzz.Targets;

namespace PveCluster.Fuzz;

/// <summary><c>pve-fuzz [--target NAME|all] [--iterations N] [--seed S] [--time-limit SECONDS] [--input-time-limit MS] [--list]</c>.</summary>
internal static class FuzzCommand
{
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;
    public const int ExitHang = 3;

    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var target = new Option<string>("--target") { Description = "A target name or 'all'.", DefaultValueFactory = _ => "all" };
        var iterations = new Option<long>("--iterations") { Description = "Inputs per target.", DefaultValueFactory = _ => 1_000_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of every random choice; the same seed replays the same inputs.", DefaultValueFactory = _ => 1 };
        var timeLimit = new Option<double?>("--time-limit") { Description = "Stop each target after this many seconds, even with inputs left." };
        var inputTimeLimit = new Option<int>("--input-time-limit")
        {
            Description = "Milliseconds one input may take before it counts as a hang.",
            DefaultValueFactory = _ => (int)FuzzOptions.DefaultInputTimeLimit.TotalMilliseconds,
        };
        var list = new Option<bool>("--list") { Description = "List the targets and exit." };
        var findings = new Option<string>("--findings-dir")
        {
            Description = "Where the whole input of every finding is saved.", DefaultValueFactory = _ => "pve-fuzz-findings",
        };
        var progress = new Option<double?>("--progress") { Description = "Print the running target's counts every this many seconds." };
        var replay = new Option<string?>("--replay") { Description = "Run the one input in FILE through --target and print the outcome." };
        var root = new RootCommand(
            "pve-fuzz: feeds mutated real samples and generated inputs to every parser and decoder that reads outside or peer input. "
            + "Each input must be accepted (and survive its round trip) or rejected with the target's own error; anything else, "
            + "or an input slower than the bound, is a finding and makes the exit code 1.")
        {
            target, iterations, seed, timeLimit, inputTimeLimit, list, findings, progress, replay,
        };
        root.SetAction((result, cancellationToken) =>
        {
            if (result.GetValue(list))
            {
                foreach (var name in TargetCatalog.Names)
                    output.WriteLine($"{name,-16} {Describe(name)}");
                return Task.FromResult(0);
            }

            var chosen = result.GetValue(target)!;
            var names = chosen == "all" ? TargetCatalog.Names : [chosen];
            var problems = new List<string>();
            if (!TargetCatalog.Exists(chosen) && chosen != "all")
                problems.Add($"unknown target '{chosen}' (known: {string.Join(", ", TargetCatalog.Names)}, all)");
            if (result.GetValue(iterations) < 1)
                problems.Add("--iterations must be at least 1");
            if (result.GetValue(timeLimit) is <= 0)
                problems.Add("--time-limit must be positive");
            if (result.GetValue(progress) is <= 0)
                problems.Add("--progress must be positive");
            if (result.GetValue(inputTimeLimit) < 1)
                problems.Add("--input-time-limit must be at least 1 ms");
            if (result.GetValue(replay) is not null && chosen == "all")
                problems.Add("--replay needs --target NAME");
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                    error.WriteLine($"pve-fuzz: {problem}");
                return Task.FromResult(ExitUsage);
            }

            var options = new FuzzOptions(
                result.GetValue(iterations),
                result.GetValue(seed),
                result.GetValue(timeLimit) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                TimeSpan.FromMilliseconds(result.GetValue(inputTimeLimit)),
                ProgressInterval: result.GetValue(progress) is { } every ? TimeSpan.FromSeconds(every) : null);
            var store = new FindingStore(result.GetValue(findings)!);
            return Task.FromResult(result.GetValue(replay) is { } file
                ? Replay(chosen, file, options, output, store)
                : Run(names, options, output, store, cancellationToken));
        });
        return root;
    }

    private static int Run(IReadOnlyList<string> names, FuzzOptions options, TextWriter output, FindingStore store, CancellationToken cancellationToken)
    {
        var runner = new FuzzRunner(options, report => output.WriteLine($"{report.SummaryLine()}  (running)"));
        using var watchdog = Watchdog.Start(runner, output, store);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pve-fuzz: seed {options.Seed}, up to {options.Iterations} inputs per target, hang bound {options.EffectiveInputTimeLimit.TotalMilliseconds} ms"));
        output.WriteLine(TargetReport.SummaryHeader);
        var reports = new List<TargetReport>();
        foreach (var name in names)
        {
            var target = TargetCatalog.Create(name);
            try
            {
                var report = runner.Run(target, cancellationToken);
                reports.Add(report);
                output.WriteLine(report.SummaryLine());
            }
            finally
            {
                (target as IDisposable)?.Dispose();
            }
        }

        foreach (var finding in reports.SelectMany(r => r.Findings))
        {
            output.Write(finding.Describe());
            output.WriteLine($"  saved as {store.Save(finding)}");
        }

        var failures = reports.Sum(r => r.Failures);
        output.WriteLine(failures == 0 ? "pve-fuzz: no findings" : $"pve-fuzz: {failures} findings");
        return failures == 0 ? 0 : ExitFindings;
    }

    /// <summary>One saved input through one target: what a regression test of a finding will see.</summary>
    private static int Replay(string name, string file, FuzzOptions options, TextWriter output, FindingStore store)
    {
        var target = TargetCatalog.Create(name);
        try
        {
            var input = File.ReadAllBytes(file);
            var runner = new FuzzRunner(options with { Iterations = 1 });
            using var watchdog = Watchdog.Start(runner, output, store);
            var report = runner.Run(new ReplayTarget(target, input));
            output.WriteLine(report.Passed
                ? $"{name}: {(report.Accepted == 1 ? "accepted" : "rejected with its own error")} in {report.SlowestInput.TotalMilliseconds:F1} ms"
                : report.Findings[0].Describe());
            return report.Passed ? 0 : ExitFindings;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    private static string Describe(string name)
    {
        var target = TargetCatalog.Create(name);
        try
        {
            return target.Description;
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }
}
