using PveCluster.Cfs.Hosting;

namespace PveCluster.Cfs.Tests.Hosting;

public sealed class MemoryTrimScheduleTests
{
    [Fact]
    public void An_idle_tree_is_never_trimmed()
    {
        var schedule = new MemoryTrimSchedule(7);
        Assert.All(Enumerable.Range(0, 5), _ => Assert.False(schedule.IsDue(7)));
    }

    [Fact]
    public void A_burst_is_trimmed_once_in_the_first_quiet_interval_after_it()
    {
        var schedule = new MemoryTrimSchedule(7);
        Assert.False(schedule.IsDue(9));
        Assert.False(schedule.IsDue(15));
        Assert.True(schedule.IsDue(15));
        Assert.False(schedule.IsDue(15));
        Assert.False(schedule.IsDue(16));
        Assert.True(schedule.IsDue(16));
    }
}
