using PveCluster.Cfs.Persistence;

namespace PveCluster.Cfs.Tree;

/// <summary>
/// The database as a cluster node without corosync sees it: every read is served, every mutation fails with
/// <see cref="CfsError.AccessDenied"/>, as without quorum (Proxmox's pmxcfs behaves the same while corosync is down).
/// </summary>
public sealed class ReadOnlyConfigTree(ConfigDatabase database) : ConfigTreeBase(database)
{
    public override bool IsWritable => false;

    private protected override Task<CfsError> SubmitAsync(TreeOperation operation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(CfsError.AccessDenied);
    }
}
