namespace PveCluster.Cfs.Views;

/// <summary>A thread-safe <see cref="IClusterMembershipView"/> that whoever tracks membership updates.</summary>
public sealed class ClusterMembership : IClusterMembershipView
{
    private readonly Lock _lock = new();
    private HashSet<uint> _online = [];
    private bool _quorate;

    public bool IsQuorate
    {
        get { lock (_lock) return _quorate; }
    }

    public event EventHandler? Changed;

    public bool IsOnline(uint nodeId)
    {
        lock (_lock) return _online.Contains(nodeId);
    }

    public void SetOnline(IEnumerable<uint> nodeIds)
    {
        var next = nodeIds.ToHashSet();
        lock (_lock)
        {
            if (next.SetEquals(_online))
                return;
            _online = next;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }

    public void SetQuorate(bool quorate)
    {
        lock (_lock)
        {
            if (_quorate == quorate)
                return;
            _quorate = quorate;
        }

        Changed?.Invoke(this, EventArgs.Empty);
    }
}
