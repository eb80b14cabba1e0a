using PveCluster.Api.Tasks;
using PveCluster.Core.Lifecycle;
using PveCluster.Lifecycle;

namespace PveCluster.Api.Join;

/// <summary>
/// <c>DELETE /cluster/config/nodes/{node}</c>: remove a node (by name or link address) from corosync.conf with the
/// lifecycle library's <see cref="DeleteNodeExecutor"/>, as <c>pvecm delnode</c> does. Its /etc/pve/nodes folder
/// is kept, as in Proxmox; the plan's warnings are returned for the caller to show.
/// </summary>
public sealed class DeleteNodeHandler(ClusterLifecycle lifecycle, ILogger<DeleteNodeHandler> logger)
{
    public async Task<DeleteNodePlan> DeleteAsync(string node, CancellationToken cancellationToken)
    {
        using var progress = new LineWriter(line => logger.LogInformation("delete node {Node}: {Line}", node, line));
        var plan = await LifecycleErrors.MapAsync(
            () => new DeleteNodeExecutor(lifecycle.Context, progress).RunAsync(node, cancellationToken)).ConfigureAwait(false);
        logger.LogInformation("removed node {Node} from corosync.conf: {Quorum}", plan.NodeName, plan.Quorum?.Describe());
        return plan;
    }
}
