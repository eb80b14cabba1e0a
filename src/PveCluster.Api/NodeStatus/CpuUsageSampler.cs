namespace PveCluster.Api.NodeStatus;

/// <summary>
/// CPU and IO-wait load as fractions (0..1) of all CPUs, like Proxmox's <c>cpu</c> and <c>wait</c>: the change of
/// <c>/proc/stat</c> between two readings. The previous reading is kept, so each answer covers the time since the one
/// before (the GUI polls every few seconds); readings closer than <see cref="MinimumInterval"/> reuse the last result,
/// and the very first one covers the time since boot.
/// </summary>
public sealed class CpuUsageSampler(Func<CpuTimes> read, TimeProvider time)
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private (CpuTimes Times, DateTimeOffset At)? _previous;
    private CpuUsage _last = new(0, 0);

    public CpuUsage Sample()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (_previous is { } previous && now - previous.At < MinimumInterval)
            {
                return _last;
            }

            var current = read();
            var baseline = _previous?.Times ?? new CpuTimes(0, 0, 0);
            _last = Between(baseline, current);
            _previous = (current, now);
            return _last;
        }
    }

    public static CpuUsage Between(CpuTimes before, CpuTimes after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var total = (double)(after.Total - Math.Min(before.Total, after.Total));
        if (total <= 0)
        {
            return new CpuUsage(0, 0);
        }

        var idle = after.Idle - Math.Min(before.Idle, after.Idle);
        var wait = after.IoWait - Math.Min(before.IoWait, after.IoWait);
        return new CpuUsage(Math.Clamp((total - idle - wait) / total, 0, 1), Math.Clamp(wait / total, 0, 1));
    }
}

/// <summary>Busy and IO-wait shares of all CPUs' time.</summary>
public sealed record CpuUsage(double Cpu, double Wait);
