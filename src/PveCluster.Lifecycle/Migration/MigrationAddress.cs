using System.Net;
using PveCluster.Core.DatacenterCfg;

namespace PveCluster.Lifecycle.Migration;

/// <summary>
/// <c>pvecm mtunnel --get_migration_ip</c>: this node's one address in the migration network — the per-call
/// network when given, else datacenter.cfg's <c>migration: ...,network=CIDR</c>.
/// </summary>
public static class MigrationAddress
{
    /// <returns>The address, or null when no migration network is configured at all (Proxmox then prints "no ip").</returns>
    /// <exception cref="LifecycleException">The network is malformed (usage error), or no or several local addresses lie in it.</exception>
    public static IPAddress? Find(LifecycleContext context, string? migrationNetwork)
    {
        ArgumentNullException.ThrowIfNull(context);
        CidrNetwork? network;
        if (migrationNetwork is not null)
        {
            try
            {
                network = CidrNetwork.Parse(migrationNetwork);
            }
            catch (FormatException ex)
            {
                throw LifecycleException.Usage($"--migration_network: {ex.Message}");
            }
        }
        else
        {
            network = DatacenterConfigFile.ReadMigration(context.Paths)?.Network;
        }

        if (network is null)
        {
            return null;
        }

        try
        {
            return MigrationAddressPicker.Pick(network, context.Host.LocalAddresses().Select(IPAddress.Parse).Where(a => !IPAddress.IsLoopback(a)));
        }
        catch (InvalidOperationException ex)
        {
            throw new LifecycleException($"could not get migration ip: {ex.Message}", ex);
        }
    }
}
