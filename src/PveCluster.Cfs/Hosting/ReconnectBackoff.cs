namespace PveCluster.Cfs.Hosting;

/// <summary>
/// The waits between attempts to reach corosync: short at first (corosync is usually just starting, as at boot,
/// where pmxcfs is started before it), doubling up to a cap so that a corosync that stays down costs little.
/// </summary>
internal sealed class ReconnectBackoff(TimeSpan initial, TimeSpan maximum)
{
    public static readonly TimeSpan DefaultInitial = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan DefaultMaximum = TimeSpan.FromSeconds(10);

    private TimeSpan _next = initial;

    public ReconnectBackoff()
        : this(DefaultInitial, DefaultMaximum)
    {
    }

    /// <summary>The wait before the next attempt; each call doubles the following one up to the cap.</summary>
    public TimeSpan Next()
    {
        var current = _next;
        _next = current * 2 > maximum ? maximum : current * 2;
        return current;
    }
}
