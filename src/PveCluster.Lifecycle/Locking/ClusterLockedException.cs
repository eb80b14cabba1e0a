namespace PveCluster.Lifecycle.Locking;

/// <summary>The cluster lock stayed taken for the whole wait; nothing was changed.</summary>
public sealed class ClusterLockedException : LifecycleException
{
    public ClusterLockedException()
    {
    }

    public ClusterLockedException(string message)
        : base(message)
    {
    }

    public ClusterLockedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
