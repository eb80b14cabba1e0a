using System.Threading.Channels;

namespace PveCluster.Corosync.Cpg;

/// <summary>
/// A joined closed process group. Implemented over libcpg for real clusters and in memory for
/// protocol tests; the replication code depends only on this contract.
/// </summary>
public interface ICpgGroup : IAsyncDisposable
{
    /// <summary>The group name (at most 127 bytes).</summary>
    string GroupName { get; }

    /// <summary>This process as seen by the group (local node id and pid).</summary>
    CpgMember Self { get; }

    /// <summary>Events in corosync's delivery order. A single reader is expected.</summary>
    ChannelReader<CpgEvent> Events { get; }

    /// <summary>
    /// Multicasts a message to all members in agreed order. Retries corosync's TRY_AGAIN (flow
    /// control, sync in progress) until sent or cancelled. Completes when corosync accepted the
    /// message, not when it is delivered.
    /// </summary>
    Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>
    /// Leaves the group and joins it again (a member that lost track of the group's state starts
    /// over): <see cref="Events"/> reports a configuration without this process, then one with it.
    /// </summary>
    Task RejoinAsync(CancellationToken cancellationToken);
}
