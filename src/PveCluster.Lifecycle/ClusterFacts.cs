namespace PveCluster.Lifecycle;

/// <summary>Quorum and membership as corosync reports them right now.</summary>
public static class ClusterFacts
{
    public static async Task<bool> IsQuorateAsync(LifecycleContext context, CancellationToken cancellationToken) =>
        (await ReadAsync(context, cancellationToken).ConfigureAwait(false)).IsQuorate;

    /// <exception cref="LifecycleException">corosync is not running.</exception>
    public static async Task<(bool IsQuorate, IReadOnlyCollection<uint> OnlineNodeIds)> ReadAsync(
        LifecycleContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var connection = context.ConnectCluster();
        var status = await connection.ReadStatusAsync(cancellationToken).ConfigureAwait(false);
        return (status.Quorum.IsQuorate, [.. status.Quorum.Members.Select(m => m.NodeId)]);
    }
}
