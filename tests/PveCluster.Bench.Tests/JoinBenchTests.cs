using PveCluster.Bench.Cfs.Host;
using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Tests;

public sealed class JoinBenchTests
{
    private static readonly StepTrace Join = new("pvecm add 198.18.2.1", 0, 5200,
    [
        new TracedLine(150, "Establishing API connection with host '198.18.2.1'"),
        new TracedLine(700, "Login succeeded."),
        new TracedLine(2300, "waiting for quorum...OK"),
        new TracedLine(2400, "waiting for /etc/pve/corosync.conf...OK"),
        new TracedLine(5100, "restarting pvedaemon and pveproxy (new certificate and ticket keys)...OK"),
    ], "");

    [Fact]
    public void A_step_lasts_from_the_previous_line_to_its_own()
    {
        Assert.Equal([150, 550, 1600, 100, 2700], Join.Steps().Select(step => step.DurationMs));
    }

    [Fact]
    public void A_join_is_a_quorate_member_with_the_cluster_etc_pve_when_its_last_wait_ends()
    {
        Assert.Equal(2400, new JoinSample(2, Join).QuorateSyncedMs);
        Assert.Null(new JoinSample(2, Join with { Lines = Join.Lines.Take(2).ToList() }).QuorateSyncedMs);
    }

    [Fact]
    public void The_table_shows_each_join_against_the_goal_and_its_steps()
    {
        var report = new JoinReport(2, "1.00 2.00 3.00", "1.50 2.00 3.00", Join with { Command = "pvecm create bench" }, [new JoinSample(2, Join)]);

        var table = JoinTable.Render(report);

        Assert.Contains("load average 1.00 2.00 3.00 before, 1.50 2.00 3.00 after", table, StringComparison.Ordinal);
        Assert.Matches(@"n2: pvecm add\s+5\.20\s+2\.40\s+< 5", table);
        Assert.Matches(@"\s2700\s+5100  restarting pvedaemon and pveproxy", table);
        Assert.Matches(@"\s100\s+5200  \(exit\)", table);
    }

    [Theory]
    [InlineData(1, null, "--join needs at least 2 nodes")]
    [InlineData(3, "/bin/sh", "--join cannot --compare")]
    public void Join_refuses_what_it_cannot_measure(int nodes, string? compare, string problem)
    {
        var options = new BenchOptions(Nodes: nodes, Files: 10, Size: 1, ComparePath: compare, Join: true);

        Assert.Contains(options.Problems(), p => p.StartsWith(problem, StringComparison.Ordinal));
    }
}
