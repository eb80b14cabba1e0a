namespace PveCluster.Cfs.Views;

/// <summary>
/// A version number that moves forward whenever the observed state differs from the last one seen,
/// like pmxcfs' clinfo/vmlist versions, so readers can cheaply tell whether a view changed.
/// </summary>
internal sealed class ChangeCounter<TState>(IEqualityComparer<TState> comparer)
{
    private readonly Lock _lock = new();
    private bool _seen;
    private TState? _last;
    private uint _version;

    public uint Version
    {
        get { lock (_lock) return _version; }
    }

    /// <summary>Records <paramref name="state"/> and returns the version that describes it.</summary>
    public uint Observe(TState state)
    {
        lock (_lock)
        {
            if (!_seen || !comparer.Equals(_last!, state))
            {
                _seen = true;
                _last = state;
                _version++;
            }

            return _version;
        }
    }
}
