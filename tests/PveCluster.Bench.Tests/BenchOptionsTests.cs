using PveCluster.Bench.Cfs.Host;

namespace PveCluster.Bench.Tests;

public sealed class BenchOptionsTests
{
    [Fact]
    public void Writers_on_one_node_are_threads_of_one_process_in_n1()
    {
        var plan = new BenchOptions(Nodes: 3, Files: 2000, Size: 1024, Writers: 4).WriterPlan();

        Assert.Equal([new WriterProcess(1, 4, 2000)], plan);
    }

    [Fact]
    public void Spread_writers_go_round_robin_and_files_follow_the_threads()
    {
        var plan = new BenchOptions(Nodes: 3, Files: 1001, Size: 1024, Writers: 4, Spread: true).WriterPlan();

        Assert.Equal([new WriterProcess(1, 2, 500), new WriterProcess(2, 1, 250), new WriterProcess(3, 1, 251)], plan);
        Assert.Equal(1001, plan.Sum(p => p.Files));
    }

    [Fact]
    public void Spread_with_fewer_writers_than_nodes_leaves_the_other_nodes_idle()
    {
        var plan = new BenchOptions(Nodes: 16, Files: 10, Size: 1, Writers: 2, Spread: true).WriterPlan();

        Assert.Equal([new WriterProcess(1, 1, 5), new WriterProcess(2, 1, 5)], plan);
    }

    [Theory]
    [InlineData(17, 10, 1, null, "--nodes must be 1..16, got 17")]
    [InlineData(3, 10, 0, null, "--writers must be 1..64, got 0")]
    [InlineData(3, 2, 3, null, "--writers (3) must not exceed --files (2)")]
    [InlineData(3, 10, 1, "/nonexistent/pmxcfs", "--compare: no such file: /nonexistent/pmxcfs")]
    public void Unusable_settings_are_named(int nodes, int files, int writers, string? compare, string problem)
    {
        var problems = new BenchOptions(nodes, files, 1024, writers, ComparePath: compare).Problems();

        Assert.Equal([problem], problems);
    }
}
