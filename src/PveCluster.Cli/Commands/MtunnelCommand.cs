using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Migration;

namespace PveCluster.Cli.Commands;

/// <summary>
/// <c>pvecm mtunnel --get_migration_ip [--migration_network CIDR]</c>: prints <c>ip: ADDRESS</c>, this node's address in
/// the migration network, as Proxmox's source node asks the target for it over SSH ("no ip" when none is configured).
/// The tunnel mode itself (used by guest migration) is not implemented.
/// </summary>
internal static class MtunnelCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var getIp = new Option<bool>("--get_migration_ip", "-get_migration_ip") { Description = "Print this node's address in the migration network." };
        var network = new Option<string>("--migration_network", "-migration_network")
        {
            Description = "The migration network (CIDR) for this call; default: datacenter.cfg's migration network.",
            HelpName = "CIDR",
        };
        var command = new Command("mtunnel", "Used by VM/CT migration: print this node's migration address.") { getIp, network };
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            async () =>
            {
                if (!result.GetValue(getIp))
                {
                    throw CliException.Usage("mtunnel: only --get_migration_ip is implemented; the migration tunnel itself is not (docs/known-limits.md)");
                }

                var address = MigrationAddress.Find(CreateCommand.Resolve(environment, context), result.GetValue(network));
                await environment.Out.WriteLineAsync((address is null ? "no ip" : $"ip: {address}").AsMemory(), cancellationToken).ConfigureAwait(false);
            },
            cancellationToken));
        return command;
    }
}
