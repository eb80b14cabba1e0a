using PveCluster.Api.Cluster;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Lifecycle;

namespace PveCluster.Api.Join;

/// <summary>
/// <c>DELETE /cluster/config/nodes/{node}</c>: remove a node (by name or link address) from corosync.conf.
/// Its /etc/pve/nodes folder is kept, as in Proxmox; the plan's warnings are returned for the caller to show.
/// </summary>
public sealed class DeleteNodeHandler(PveDirectory pveDir, CorosyncConfReader corosync, MembersReader members, ApiOptions options, ILogger<DeleteNodeHandler> logger)
{
    public async Task<DeleteNodePlan> DeleteAsync(string node, CancellationToken cancellationToken)
    {
        using var held = await ClusterConfLock.AcquireAsync(cancellationToken).ConfigureAwait(false);
        var (config, _) = corosync.ReadRequired("unable to delete node: this node is not in a cluster (no corosync.conf)");
        var plan = DeleteNodePlanner.Plan(new DeleteNodeRequest(
            config, node, options.Node, ClusterQuorum.IsQuorate(members), ClusterQuorum.OnlineNodeIds(members)));
        if (!plan.CanProceed)
        {
            throw PlanRefusal.ToApiException(plan);
        }

        ClusterConfWriter.Write(pveDir, plan.CorosyncConf!);
        logger.LogInformation("removed node {Node} from corosync.conf: {Quorum}", plan.NodeName, plan.Quorum?.Describe());
        return plan;
    }
}
