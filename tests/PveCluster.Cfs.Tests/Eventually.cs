namespace PveCluster.Cfs.Tests;

/// <summary>Waits for a condition instead of sleeping a fixed time; the deadline is generous because CI machines are loaded.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Returns once <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> after the deadline.</summary>
    public static async Task HoldsAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0} s waiting for {what}");
            await Task.Delay(Interval);
        }
    }
}
