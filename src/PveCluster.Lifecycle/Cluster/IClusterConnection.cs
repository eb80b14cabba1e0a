namespace PveCluster.Lifecycle.Cluster;

/// <summary>The corosync operations pvecm and the lifecycle executors need; faked in tests, implemented over the interop clients.</summary>
public interface IClusterConnection : IDisposable
{
    Task<ClusterStatus> ReadStatusAsync(CancellationToken cancellationToken);

    /// <summary>votequorum_setexpected; corosync answers CS_ERR_INVALID_PARAM for values it refuses.</summary>
    Task SetExpectedVotesAsync(int expectedVotes, CancellationToken cancellationToken);
}
