using PveCluster.Core.CorosyncConf;
using PveCluster.Core.DatacenterCfg;
using PveCluster.Core.Lifecycle;
using PveCluster.Core.Links.Probe;
using PveCluster.Lifecycle.Network;

namespace PveCluster.Lifecycle.Links;

/// <summary>Turns the entered options into a <see cref="LinkChange"/>: host names resolved, a CIDR turned into each node's address.</summary>
internal static class EnteredChange
{
    public static async Task<LinkChange> ResolveAsync(
        LinkChangeOptions options, CorosyncConfig config, Func<Task<IReadOnlyList<ProbeReady>>> nodeFacts, IHostNameResolver resolver,
        CancellationToken cancellationToken)
    {
        var entered = options.NodeAddresses ?? [];
        switch (options.Kind)
        {
            case LinkChangeKind.Add when options.Network is not null:
                if (entered.Count > 0)
                {
                    throw LifecycleException.Usage("give either --network or --node NODE=ADDRESS, not both");
                }

                return new AddLinkChange(options.Link, options.Priority, FromNetwork(options.Network, await nodeFacts().ConfigureAwait(false)));
            case LinkChangeKind.Add:
                return new AddLinkChange(options.Link, options.Priority, await ResolveAllAsync(entered, options.Link, null, resolver, cancellationToken)
                    .ConfigureAwait(false));
            case LinkChangeKind.Set:
                if (entered.Count > 1)
                {
                    throw LifecycleException.Usage("link set readdresses one node at a time (the admin guide: change one address at a time)");
                }

                var family = AddNodeExecutor.ClusterLinkFamily(config, options.Link);
                var address = entered.Count == 1
                    ? (await ResolveAllAsync(entered, options.Link, family, resolver, cancellationToken).ConfigureAwait(false))[0]
                    : null;
                return new SetLinkChange(options.Link, options.Priority, options.ClearPriority, address);
            default:
                return new RemoveLinkChange(options.Link);
        }
    }

    private static async Task<IReadOnlyList<NodeLinkAddress>> ResolveAllAsync(
        IReadOnlyList<KeyValuePair<string, string>> entered, int link, System.Net.Sockets.AddressFamily? family, IHostNameResolver resolver,
        CancellationToken cancellationToken)
    {
        var result = new List<NodeLinkAddress>();
        foreach (var (node, address) in entered)
        {
            var ip = await LinkNameResolution.ResolveOneAsync($"link{link} of node '{node}'", address, resolver, family, cancellationToken)
                .ConfigureAwait(false);
            result.Add(new NodeLinkAddress(node, ip, string.Equals(ip, address, StringComparison.Ordinal) ? null : address));
        }

        return result;
    }

    /// <summary>Each node's one address in <paramref name="network"/>, as Proxmox picks a migration address.</summary>
    private static List<NodeLinkAddress> FromNetwork(string network, IReadOnlyList<ProbeReady> facts)
    {
        CidrNetwork cidr;
        try
        {
            cidr = CidrNetwork.Parse(network);
        }
        catch (FormatException ex)
        {
            throw LifecycleException.Usage($"--network: {ex.Message}");
        }

        var result = new List<NodeLinkAddress>();
        foreach (var node in facts)
        {
            try
            {
                var ip = MigrationAddressPicker.Pick(cidr, node.Addresses.Select(System.Net.IPAddress.Parse), "link network");
                result.Add(new NodeLinkAddress(node.Node, ip.ToString()));
            }
            catch (InvalidOperationException ex)
            {
                throw LifecycleException.Usage($"node '{node.Node}': {ex.Message}");
            }
        }

        return result;
    }
}
