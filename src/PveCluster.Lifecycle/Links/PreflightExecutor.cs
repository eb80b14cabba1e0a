using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Core.Links.Probe;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Lifecycle.Links;

/// <summary>
/// <c>pvecm preflight [--linkN ADDRESS]...</c>: the network checks of a link change on their own. In a cluster it
/// checks every link between every pair of nodes (with this node's addresses replaced by the given ones, to try a
/// readdress first); on a host that is not in a cluster yet (before create or join) it checks that the given
/// addresses are this host's and usable, and shows their MTU.
/// </summary>
public sealed class PreflightExecutor(LifecycleContext context, TextWriter output)
{
    private readonly ProgressWriter _progress = new(output);

    /// <exception cref="LifecycleException">The checks found a problem (the report was printed first).</exception>
    public async Task<NetworkPreflightReport> RunAsync(IReadOnlyList<LinkSpec> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        var local = context.Host.NodeName;
        IReadOnlyList<PreflightNode> nodes;
        Dictionary<int, IReadOnlyList<NodeLinkAddress>> addresses;
        if (File.Exists(context.Paths.ClusterConf))
        {
            var config = ClusterConfFile.Read(context.Paths);
            var resolved = await LinkNameResolution.ResolveAsync(
                links, context.Resolver, link => AddNodeExecutor.ClusterLinkFamily(config, link), cancellationToken).ConfigureAwait(false);
            var clusterLinks = config.Nodes.SelectMany(n => n.LinkAddresses.Keys).ToHashSet();
            if (resolved.FirstOrDefault(l => !clusterLinks.Contains(l.Number)) is { } unknown)
            {
                throw LifecycleException.Usage(
                    $"{unknown.OptionName}: the cluster has no link {unknown.Number} (links: {string.Join(", ", clusterLinks.Order())}); 'pvecm link add' adds one");
            }

            nodes = PreflightNodes.Of(config, local);
            addresses = clusterLinks.Order().ToDictionary(l => l, l => (IReadOnlyList<NodeLinkAddress>)
            [
                .. config.Nodes.Where(n => n.GetLinkAddress(l) is not null).Select(n =>
                    string.Equals(n.Name, local, StringComparison.OrdinalIgnoreCase) && resolved.FirstOrDefault(r => r.Number == l) is { } mine
                        ? new NodeLinkAddress(n.Name!, mine.Address, mine.EnteredHostName)
                        : new NodeLinkAddress(n.Name ?? "?", n.GetLinkAddress(l)!)),
            ]);
            _progress.Line($"checking links {string.Join(", ", addresses.Keys)} between nodes {string.Join(", ", nodes.Select(n => n.Name))}");
        }
        else
        {
            var resolved = await LinkNameResolution.ResolveAsync(links, context.Resolver, _ => null, cancellationToken).ConfigureAwait(false);
            if (resolved.Count == 0 && context.Host.ResolveNodeAddress() is { } fallback)
            {
                resolved = [new LinkSpec(0, fallback)];
            }

            nodes = [new PreflightNode(local, null)];
            addresses = resolved.ToDictionary(l => l.Number, l => (IReadOnlyList<NodeLinkAddress>)[new NodeLinkAddress(local, l.Address, l.EnteredHostName)]);
            _progress.Line("not in a cluster yet: checking that the addresses belong to this host and can carry a link "
                + "(the checks between nodes run once it is a member: 'pvecm preflight' or 'pvecm link')");
        }

        var report = await new NetworkPreflight(context, _progress.Line).RunAsync(nodes, addresses, cancellationToken).ConfigureAwait(false);
        foreach (var line in report.Table)
        {
            _progress.Line(line);
        }

        _progress.Line(report.Explain());
        return report.CanProceed ? report : throw new LifecycleException($"network preflight failed: {string.Join("; ", report.Errors)}");
    }
}
