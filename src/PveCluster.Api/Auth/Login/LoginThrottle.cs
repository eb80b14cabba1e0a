using PveCluster.Api.Envelope;

namespace PveCluster.Api.Auth.Login;

/// <summary>
/// Admission for password checks: per client address and per user name, failed logins make the next attempt wait
/// (growing delay), only a few checks may run at once per address and per user, and a bounded number server-wide.
/// Refusals are immediate (429 or 503 with Retry-After) and cost the server nothing.
/// </summary>
public sealed class LoginThrottle
{
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly LoginPolicy _policy;
    private readonly TimeProvider _time;
    private readonly ExpiringLruTable<FailureRecord> _addresses;
    private readonly ExpiringLruTable<FailureRecord> _users;
    private int _inFlight;

    public LoginThrottle(LoginPolicy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
        _time = time;
        _addresses = new(policy.MaxTrackedAddresses, IsForgotten);
        _users = new(policy.MaxTrackedUsers, IsForgotten);
    }

    /// <summary>Logins currently being checked (for tests and diagnostics).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return _inFlight;
            }
        }
    }

    /// <summary>A permit to check one password; dispose it when the check is over, after recording its outcome.</summary>
    /// <exception cref="ApiException">429 (this address or user must wait) or 503 (server busy).</exception>
    public Permit Begin(ClientAddress address, string user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (_inFlight >= _policy.MaxConcurrentLogins)
            {
                throw new ApiException(StatusCodes.Status503ServiceUnavailable, "too many logins in progress; try again shortly")
                {
                    RetryAfter = BusyRetry,
                };
            }

            var byAddress = _addresses.Touch(address.Key, now);
            var byUser = _users.Touch(user, now);
            var wait = Max(byAddress.BlockedUntil, byUser.BlockedUntil) - now;
            if (wait > TimeSpan.Zero)
            {
                throw new ApiException(StatusCodes.Status429TooManyRequests,
                    $"too many failed logins for this user or from this address; try again in {Math.Ceiling(wait.TotalSeconds)} s")
                {
                    RetryAfter = wait,
                };
            }

            if (byAddress.InFlight >= _policy.MaxInFlightPerAddress || byUser.InFlight >= _policy.MaxInFlightPerUser)
            {
                throw new ApiException(StatusCodes.Status429TooManyRequests,
                    "another login for this user or from this address is being checked; try again shortly")
                {
                    RetryAfter = BusyRetry,
                };
            }

            byAddress.InFlight++;
            byUser.InFlight++;
            _inFlight++;
            return new Permit(this, byAddress, byUser);
        }
    }

    private void Failed(FailureRecord byAddress, FailureRecord byUser)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            byAddress.Fail(now, Delay(byAddress.Failures + 1, _policy.MaxAddressDelay));
            byUser.Fail(now, Delay(byUser.Failures + 1, _policy.MaxUserDelay));
        }
    }

    private void Succeeded(FailureRecord byAddress, FailureRecord byUser)
    {
        lock (_lock)
        {
            byAddress.Reset();
            byUser.Reset();
        }
    }

    private void Release(FailureRecord byAddress, FailureRecord byUser)
    {
        lock (_lock)
        {
            byAddress.InFlight--;
            byUser.InFlight--;
            _inFlight--;
        }
    }

    /// <summary>No wait for the first free failures, then the first delay, doubling up to the cap.</summary>
    private TimeSpan Delay(int failures, TimeSpan cap)
    {
        var over = failures - _policy.FreeFailures;
        if (over <= 0)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, Math.Min(over - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(_policy.FirstDelay.Ticks * factor, cap.Ticks));
    }

    private bool IsForgotten(FailureRecord record, DateTimeOffset now) =>
        record.InFlight == 0 && now - record.LastActivity > _policy.ForgetAfter && now >= record.BlockedUntil;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>One admitted password check.</summary>
    public sealed class Permit : IDisposable
    {
        private readonly LoginThrottle _owner;
        private readonly FailureRecord _byAddress;
        private readonly FailureRecord _byUser;
        private int _state;

        internal Permit(LoginThrottle owner, FailureRecord byAddress, FailureRecord byUser)
        {
            _owner = owner;
            _byAddress = byAddress;
            _byUser = byUser;
        }

        public void Failed() => _owner.Failed(_byAddress, _byUser);

        public void Succeeded() => _owner.Succeeded(_byAddress, _byUser);

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _state, 1) == 0)
            {
                _owner.Release(_byAddress, _byUser);
            }
        }
    }

    internal sealed class FailureRecord
    {
        public int Failures { get; private set; }

        public DateTimeOffset LastActivity { get; private set; } = DateTimeOffset.MinValue;

        public DateTimeOffset BlockedUntil { get; private set; } = DateTimeOffset.MinValue;

        public int InFlight { get; set; }

        public void Fail(DateTimeOffset now, TimeSpan delay)
        {
            Failures++;
            LastActivity = now;
            BlockedUntil = now + delay;
        }

        public void Reset()
        {
            Failures = 0;
            BlockedUntil = DateTimeOffset.MinValue;
        }
    }
}
