using PveCluster.Bench.Cfs.Host;
using PveCluster.Bench.Cfs.Worker;

namespace PveCluster.Bench.Tests;

public sealed class WriteFiguresTests
{
    [Fact]
    public void Throughput_spans_from_the_first_start_to_the_last_end_and_percentiles_pool_every_latency()
    {
        var early = new WriteSample("/etc/pve/bench", 2, 1024, 1, StartUnixMs: 1000, EndUnixMs: 1500, LatenciesMs: [1, 3]);
        var late = new WriteSample("/etc/pve/bench", 2, 1024, 2, StartUnixMs: 1100, EndUnixMs: 2000, LatenciesMs: [2, 10]);

        var figures = WriteFigures.Combine([early, late]);

        Assert.Equal(4, figures.Files);
        Assert.Equal(3, figures.Writers);
        Assert.Equal(2, figures.Processes);
        Assert.Equal(1.0, figures.Seconds);
        Assert.Equal(4.0, figures.FilesPerSecond);
        Assert.Equal(2.0, figures.P50Ms);
        Assert.Equal(10.0, figures.P99Ms);
        Assert.Equal(10.0, figures.MaxMs);
    }
}
