using PveCluster.Cfs.Fuse;

namespace PveCluster.Cfs.Tests.Fuse;

public class PendingInvalidationsTests
{
    [Fact]
    public void Repeated_paths_are_taken_once_and_the_queue_is_empty_afterwards()
    {
        using var pending = new PendingInvalidations(capacity: 8);
        pending.Add("/a");
        pending.Add("/b");
        pending.Add("/a");

        Assert.Equal(["/a", "/b"], pending.Take(out var overflowed).Order(StringComparer.Ordinal));
        Assert.False(overflowed);
        Assert.Empty(pending.Take(out _));
    }

    [Fact]
    public void More_distinct_paths_than_the_capacity_turn_into_one_overflow_instead_of_growing()
    {
        using var pending = new PendingInvalidations(capacity: 2);
        pending.Add("/a");
        pending.Add("/b");
        pending.Add("/c");
        pending.Add("/d");

        Assert.Empty(pending.Take(out var overflowed));
        Assert.True(overflowed);

        pending.Add("/e");
        Assert.Equal(["/e"], pending.Take(out overflowed));
        Assert.False(overflowed);
    }

    [Fact]
    public void Adding_signals_the_consumer_and_completing_wakes_it_for_good()
    {
        using var pending = new PendingInvalidations(capacity: 2);
        pending.Add("/a");
        Assert.True(pending.Available.WaitOne(0));

        pending.Complete();
        pending.Add("/b");

        Assert.True(pending.IsCompleted);
        Assert.True(pending.Available.WaitOne(0));
        Assert.Empty(pending.Take(out _));
    }
}
