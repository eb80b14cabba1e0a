using PveCluster.Api.NodeStatus;

namespace PveCluster.Api.Tests.NodeStatus;

public sealed class ProcFsTests
{
    [Fact]
    public void Cpu_times_sum_the_first_eight_counters_of_the_aggregate_line()
    {
        var times = ProcFs.ParseCpuTimes("cpu  100 10 50 800 40 0 5 0 7 0\ncpu0 50 5 25 400 20 0 2 0 3 0\n");
        Assert.Equal(new CpuTimes(1005, 800, 40), times);
    }

    [Fact]
    public void Cpu_usage_is_the_busy_share_between_two_readings()
    {
        var usage = CpuUsageSampler.Between(new CpuTimes(1000, 800, 0), new CpuTimes(1200, 900, 20));
        Assert.Equal(0.4, usage.Cpu, 6);
        Assert.Equal(0.1, usage.Wait, 6);
    }

    [Fact]
    public void Sampler_measures_the_interval_since_its_previous_reading()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var readings = new Queue<CpuTimes>([new CpuTimes(1000, 900, 0), new CpuTimes(1100, 950, 0)]);
        var sampler = new CpuUsageSampler(readings.Dequeue, time);

        Assert.Equal(0.1, sampler.Sample().Cpu, 6);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Equal(0.1, sampler.Sample().Cpu, 6);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0.5, sampler.Sample().Cpu, 6);
        Assert.Empty(readings);
    }

    [Fact]
    public void Meminfo_is_read_in_bytes_and_used_is_total_minus_available()
    {
        var memory = ProcFs.ParseMemInfo("MemTotal:       1000 kB\nMemFree:         100 kB\nMemAvailable:    600 kB\nSwapTotal:       200 kB\nSwapFree:        150 kB\n");
        Assert.Equal(1_024_000UL, memory.Total);
        Assert.Equal(409_600UL, memory.Used);
        Assert.Equal(51_200UL, memory.SwapUsed);
    }

    [Fact]
    public void Uptime_load_and_cpuinfo_are_parsed()
    {
        Assert.Equal(11104, ProcFs.ParseUptime("11104.91 4212.41\n"));
        Assert.Equal(["0.50", "0.25", "0.10"], ProcFs.ParseLoadAverage("0.50 0.25 0.10 1/200 4242\n"));
        var cpu = ProcFs.ParseCpuInfo("""
            processor	: 0
            model name	: Test CPU
            cpu MHz		: 2600.000
            physical id	: 0
            cpu cores	: 2
            flags		: fpu svm sse

            processor	: 1
            model name	: Test CPU
            physical id	: 0
            cpu cores	: 2
            """);
        Assert.Equal(new CpuModel("Test CPU", 2, 1, 2, "2600.000", "fpu svm sse"), cpu);
        Assert.True(cpu.Hvm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("cpu0 1 2 3 4 5\n")]
    [InlineData("cpu  1 2 x 4 5\n")]
    public void Unreadable_stat_is_a_format_error(string text) =>
        Assert.Throws<FormatException>(() => ProcFs.ParseCpuTimes(text));

    [Fact]
    public void Version_splits_the_informational_version()
    {
        var version = ProductVersion.FromInformational("1.4.2+0123456789abcdef");
        Assert.Equal(new ProductVersion("1.4.2", "1.4", "01234567"), version);
        Assert.Equal("pve-api/1.4.2/01234567", version.Summary);
    }
}
