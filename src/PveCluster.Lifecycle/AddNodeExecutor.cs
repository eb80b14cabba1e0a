using PveCluster.Core.Lifecycle;

namespace PveCluster.Lifecycle;

/// <summary>
/// The member's half of a join: <c>POST /cluster/config/nodes/{node}</c> from a joining node, and
/// <c>pvecm addnode NODE</c> by hand. Under the cluster lock, with quorum from votequorum, plans the new
/// corosync.conf, creates the node's folders in /etc/pve and writes the config there (pmxcfs spreads it and
/// every member reloads corosync).
/// </summary>
public sealed class AddNodeExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="Core.Lifecycle.PlanRefusedException">The plan refused; nothing was changed.</exception>
    /// <exception cref="Locking.ClusterLockedException">Another member kept the cluster config locked.</exception>
    public async Task<AddNodeResult> RunAsync(AddNodeOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = context.Paths;
        // Read before anything changes: a joining node cannot use a new config entry without the key.
        var authKey = options.IncludeAuthKey ? AuthKeyFile.Read(paths.AuthKey) : null;
        using var held = await context.LockClusterConfAsync(_progress.Line, cancellationToken).ConfigureAwait(false);
        var config = ClusterConfFile.Read(paths);
        var quorate = await ClusterFacts.IsQuorateAsync(context, cancellationToken).ConfigureAwait(false);
        var links = await Network.LinkNameResolution.ResolveAsync(
            options.Links, context.Resolver, link => ClusterLinkFamily(config, link), cancellationToken).ConfigureAwait(false);
        var plan = AddNodePlanner.Plan(new AddNodeRequest(
            config, options.Node, links, quorate, options.NodeId, options.Votes, options.FallbackAddress, options.Force));
        _progress.Line(plan.Explain());
        plan.EnsureCanProceed();

        NodeDirectories.Ensure(paths, options.Node);
        held.EnsureHeld();
        ClusterConfFile.Write(paths, plan.CorosyncConf!);
        return new AddNodeResult(plan, authKey);
    }

    /// <summary>The IP family the cluster's nodes use on <paramref name="link"/>, so a name resolves to a matching address.</summary>
    internal static System.Net.Sockets.AddressFamily? ClusterLinkFamily(Core.CorosyncConf.CorosyncConfig config, int link) =>
        config.Nodes.Select(n => Network.LinkNameResolution.FamilyOf(n.GetLinkAddress(link))).FirstOrDefault(f => f is not null);
}
