using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;

namespace PveCluster.Cli.Lifecycle;

/// <summary>
/// <c>pvecm addnode NODE</c>: the member's half of a join, run by hand on a cluster node (the joining
/// node then needs the authkey and corosync.conf copied over manually).
/// </summary>
internal sealed class AddNodeExecutor(LifecycleContext context, TextWriter output)
{
    public async Task<int> RunAsync(
        string node, IReadOnlyList<LinkSpec> links, ulong? nodeId, ulong? votes, bool force, CancellationToken cancellationToken)
    {
        var paths = context.Paths;
        var config = ClusterConfFile.Read(paths);
        var quorate = await ClusterFacts.IsQuorateAsync(context, cancellationToken).ConfigureAwait(false);
        var plan = AddNodePlanner.Plan(new AddNodeRequest(config, node, links, quorate, nodeId, votes, Force: force));
        await output.WriteLineAsync(plan.Explain().AsMemory(), cancellationToken).ConfigureAwait(false);
        plan.EnsureCanProceed();

        NodeDirectories.Ensure(paths, node);
        ClusterConfFile.Write(paths, plan.CorosyncConf!);
        await output.WriteLineAsync(
            $"node '{node}' added with nodeid {plan.NodeId}; copy {paths.AuthKey} and {paths.LocalCorosyncConf} to it, then start corosync and pve-cluster there"
                .AsMemory(), cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
