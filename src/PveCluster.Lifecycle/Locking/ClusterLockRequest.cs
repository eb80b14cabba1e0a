namespace PveCluster.Lifecycle.Locking;

/// <summary>Which lock to take, for whom, and how long to wait for it.</summary>
/// <param name="LockDirectory">/etc/pve/priv/lock.</param>
/// <param name="Name">The lock's name, e.g. <see cref="ClusterLock.CorosyncConf"/>.</param>
/// <param name="Purpose">What it protects, for the refusal: "cluster config is locked by …".</param>
/// <param name="Node">This node's name, recorded in the lock for the others' messages.</param>
/// <param name="Timeout">How long to wait for a holder.</param>
/// <param name="RetryInterval">How often to try again meanwhile.</param>
/// <param name="Time">The clock (tests pin it).</param>
/// <param name="Progress">Where waiting and takeovers are reported.</param>
public sealed record ClusterLockRequest(
    string LockDirectory, string Name, string Purpose, string Node, TimeSpan Timeout, TimeSpan RetryInterval, TimeProvider Time, Action<string> Progress);
