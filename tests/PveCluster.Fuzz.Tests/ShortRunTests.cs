using PveCluster.Fuzz.Engine;
using PveCluster.Fuzz.Targets;

namespace PveCluster.Fuzz.Tests;

/// <summary>
/// Every target for a bounded number of inputs with a fixed seed (the full 1M-input run is
/// <c>artifacts/bin/pve-fuzz</c>). A finding fails the test and prints the input to turn into a regression test.
/// </summary>
public class ShortRunTests
{
    private const int Inputs = 4000;

    /// <summary>Per target, so the project stays within a minute on two busy cores whatever the machine.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>CPU time per input; generous, yet a loop without end still fails.</summary>
    private static readonly TimeSpan InputTimeLimit = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Targets() => [.. TargetCatalog.Names];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Every_input_is_accepted_or_rejected_with_the_targets_own_error(string name)
    {
        var target = TargetCatalog.Create(name);
        try
        {
            var runner = new FuzzRunner(new FuzzOptions(Inputs, Seed: 20261201, TimeLimit, InputTimeLimit));
            var run = Task.Run(() => runner.Run(target));
            // Only a guard against an input that never returns: the runner's own bounds end a normal run much sooner.
            var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(finished == run, $"{name}: an input did not return: {runner.Stuck()?.Describe()}");
            var report = await run;

            Assert.True(report.Passed, string.Concat(report.Findings.Select(f => f.Describe())));
            Assert.True(report.Inputs >= Math.Min(Inputs, 500), $"{name}: only {report.Inputs} inputs ran");
            Assert.True(report.Accepted > 0, $"{name}: no input was accepted, so round trips were never checked");
            Assert.True(report.Rejected > 0, $"{name}: no input was rejected, so the mutations never reached the error paths");
        }
        finally
        {
            (target as IDisposable)?.Dispose();
        }
    }

    [Fact]
    public void The_same_seed_replays_the_same_outcome()
    {
        var options = new FuzzOptions(600, Seed: 5);

        var first = new FuzzRunner(options).Run(TargetCatalog.Create("link-spec"));
        var second = new FuzzRunner(options).Run(TargetCatalog.Create("link-spec"));

        Assert.Equal((first.Accepted, first.Rejected), (second.Accepted, second.Rejected));
    }

    [Fact]
    public void A_target_that_throws_another_exception_or_breaks_its_round_trip_is_reported()
    {
        var report = new FuzzRunner(new FuzzOptions(300, Seed: 3)).Run(new BrokenTarget());

        Assert.False(report.Passed);
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.WrongException && f.Detail.StartsWith("System.IndexOutOfRangeException", StringComparison.Ordinal));
        Assert.Contains(report.Findings, f => f.Kind == FindingKind.InvariantViolated);
        Assert.Contains(report.Findings, f => f.Describe().Contains("input: \"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_input_slower_than_the_bound_is_a_hang()
    {
        var report = new FuzzRunner(new FuzzOptions(3, Seed: 3, InputTimeLimit: TimeSpan.FromMilliseconds(20))).Run(new SlowTarget());

        Assert.Equal(FindingKind.Hang, report.Findings[0].Kind);
    }

    /// <summary>Rejects with FormatException, but fails in two other ways on purpose.</summary>
    private sealed class BrokenTarget : FuzzTarget
    {
        public override string Name => "broken";

        public override string Description => "test double";

        public override IReadOnlyList<byte[]> Samples { get; } = ["abc"u8.ToArray(), "x"u8.ToArray()];

        public override bool Run(byte[] input)
        {
            if (input.Length == 0)
            {
                throw new FormatException("empty");
            }

            InvariantViolatedException.Check(input[0] != (byte)'x', "starts with x");
            return input[input.Length + 1 - input.Length % 2] > 0;
        }

        public override bool IsRejection(Exception exception) => IsClearError<FormatException>(exception);
    }

    private sealed class SlowTarget : FuzzTarget
    {
        public override string Name => "slow";

        public override string Description => "test double";

        public override IReadOnlyList<byte[]> Samples { get; } = [[1]];

        /// <summary>Burns CPU (the bound is CPU time, so sleeping would not count).</summary>
        public override bool Run(byte[] input)
        {
            var start = Environment.CpuUsage.TotalTime;
            while (Environment.CpuUsage.TotalTime - start < TimeSpan.FromMilliseconds(60))
            {
            }

            return true;
        }

        public override bool IsRejection(Exception exception) => false;
    }
}
