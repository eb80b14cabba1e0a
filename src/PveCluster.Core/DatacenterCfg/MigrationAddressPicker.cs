using System.Net;

namespace PveCluster.Core.DatacenterCfg;

/// <summary>Chooses the local address a node uses for migration traffic on the configured network.</summary>
public static class MigrationAddressPicker
{
    /// <summary>The single local address inside <paramref name="network"/>; <paramref name="purpose"/> names the network in errors.</summary>
    /// <exception cref="InvalidOperationException">No local address, or more than one, lies in the network.</exception>
    public static IPAddress Pick(CidrNetwork network, IEnumerable<IPAddress> localAddresses, string purpose = "migration network")
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(localAddresses);
        var all = localAddresses.Distinct().ToList();
        var matches = all.Where(network.Contains).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new InvalidOperationException(
                $"no local address is in the {purpose} {network.Text}; local addresses: " +
                (all.Count == 0 ? "(none)" : string.Join(", ", all))),
            _ => throw new InvalidOperationException(
                $"more than one local address is in the {purpose} {network.Text}: {string.Join(", ", matches)}; " +
                "use a narrower network so that exactly one address matches"),
        };
    }
}
