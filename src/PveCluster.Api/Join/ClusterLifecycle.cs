using PveCluster.Api.Hosting;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Cluster;
using PveCluster.Lifecycle.Join;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Api.Join;

/// <summary>The API's entry to PveCluster.Lifecycle: the code pvecm runs, called in process.</summary>
public sealed class ClusterLifecycle(LifecycleContext context)
{
    public LifecycleContext Context { get; } = context;

    /// <summary>
    /// Configured for this server: its /etc/pve (<c>--pve-dir</c>) and node name (<c>--node</c>), the other paths and
    /// the service control from the environment like pvecm, quorum from votequorum, and nobody to ask.
    /// </summary>
    public static ClusterLifecycle ForServer(ApiOptions options, Func<IClusterConnection> connectCluster)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = LifecycleContext.FromEnvironment(new LocalHost(options.Node), connectCluster, NoUserInput.Instance);
        return new ClusterLifecycle(context with
        {
            Paths = context.Paths with { EtcPve = options.PveDir },

            // A restart of pvedaemon would end the join task before it reports its result; pveproxy must serve the
            // new certificate at once, or the other members refuse it when they forward requests to this node.
            ApiRestartAfterJoin = [ClusterService.ApiProxy],
        });
    }
}
