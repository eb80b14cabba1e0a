using System.Security.Cryptography;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// Makes every failed login take about as long as a failed PAM call, so the answer time does not tell whether a
/// user exists, may log in, or was refused before PAM was asked. It keeps a moving average of measured PAM failures
/// and pads each failure to that average, varied by ±20% as PAM's own delay is. It works on the wall clock (what
/// a client can measure), never on the API's logical clock that tests move.
/// </summary>
public sealed class FailureTiming(LoginPolicy policy)
{
    private static readonly TimeProvider Clock = TimeProvider.System;

    private const double Weight = 0.2;
    private static readonly TimeSpan MinObserved = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxObserved = TimeSpan.FromSeconds(10);

    private readonly Lock _lock = new();
    private double _averageTicks = policy.InitialFailureDuration.Ticks;

    public TimeSpan Average
    {
        get
        {
            lock (_lock)
            {
                return TimeSpan.FromTicks((long)_averageTicks);
            }
        }
    }

    /// <summary>When a login attempt starts; pass it to <see cref="PadAsync"/>.</summary>
    public static long Start() => Clock.GetTimestamp();

    /// <summary>Records how long a PAM call that failed took (the call alone: a queue wait is no part of PAM's delay).</summary>
    public void ObservePamFailure(TimeSpan duration)
    {
        var clamped = Math.Clamp(duration.Ticks, MinObserved.Ticks, MaxObserved.Ticks);
        lock (_lock)
        {
            _averageTicks = ((1 - Weight) * _averageTicks) + (Weight * clamped);
        }
    }

    /// <summary>Waits (without holding a thread) until a failure that started at <paramref name="started"/> has taken its share.</summary>
    public Task PadAsync(long started, CancellationToken cancellationToken)
    {
        var factor = 0.8 + (RandomNumberGenerator.GetInt32(0, 401) / 1000.0);
        var target = TimeSpan.FromTicks((long)(Average.Ticks * factor));
        var remaining = target - Clock.GetElapsedTime(started);
        return remaining > TimeSpan.Zero ? Task.Delay(remaining, Clock, cancellationToken) : Task.CompletedTask;
    }
}
