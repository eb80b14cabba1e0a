namespace PveCluster.Fuzz.Tests;

public class CommandTests
{
    private static (int Exit, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = FuzzCommand.Create(output, error).Parse(args).Invoke();
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_short_run_of_one_target_prints_its_figures_and_exits_zero()
    {
        var (exit, output, _) = Run("--target", "cluster-log", "--iterations", "300", "--seed", "9");

        Assert.Equal(0, exit);
        Assert.Contains("seed 9, up to 300 inputs per target", output, StringComparison.Ordinal);
        Assert.Matches(@"cluster-log\s+300\s+\d+\s+\d+\s+0\s", output);
        Assert.Contains("pve-fuzz: no findings", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_lines_show_the_counts_while_a_target_runs()
    {
        using var output = new StringWriter();
        var runner = new Engine.FuzzRunner(
            new Engine.FuzzOptions(3000, Seed: 2, ProgressInterval: TimeSpan.FromTicks(1)), report => output.WriteLine(report.SummaryLine()));

        var final = runner.Run(Targets.TargetCatalog.Create("cluster-log"));

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 2, output.ToString());
        Assert.All(lines, l => Assert.StartsWith("cluster-log", l, StringComparison.Ordinal));
        Assert.Equal(3000, final.Inputs);
    }

    [Fact]
    public void List_names_every_target()
    {
        var (exit, output, _) = Run("--list");

        Assert.Equal(0, exit);
        foreach (var name in new[] { "corosync-conf", "datacenter-cfg", "join-info", "link-spec", "api-parameters", "cpg-message", "cluster-log", "fuse-path" })
            Assert.Contains(name, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--target", "nope")]
    [InlineData("--iterations", "0")]
    [InlineData("--time-limit", "-1")]
    [InlineData("--progress", "0")]
    public void Bad_usage_exits_two_with_a_reason(string option, string value)
    {
        var (exit, _, error) = Run(option, value);

        Assert.Equal(2, exit);
        Assert.StartsWith("pve-fuzz: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_option_fails()
    {
        Assert.NotEqual(0, Run("--bogus").Exit);
    }
}
