using System.CommandLine;
using PveCluster.Cli.Lifecycle;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Qdevice;

namespace PveCluster.Cli.Commands;

/// <summary><c>pvecm qdevice setup ADDRESS [--force] [--network CIDR]</c> and <c>pvecm qdevice remove</c>.</summary>
internal static class QdeviceCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Command("qdevice", "Set up or remove an external vote (QDevice with corosync-qnetd).")
        {
            Setup(environment, context),
            Remove(environment, context),
        };
    }

    private static Command Setup(CliEnvironment environment, Func<LifecycleContext>? context)
    {
        var address = new Argument<string>("address") { Description = "IP address of the server running corosync-qnetd." };
        var force = new Option<bool>("--force", "-force")
        {
            Description = "Allow an odd node count (lms algorithm, see the admin guide) and delete existing QDevice certificate stores.",
        };
        var network = new Option<string?>("--network", "-network") { Description = "The network (CIDR) the QDevice address must lie in." };
        var command = new Command("setup", "Set up the QDevice: certificates, quorum.device in corosync.conf, corosync-qdevice on every node.")
        {
            address, force, network,
        };
        command.SetAction((result, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new QdeviceSetupExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(
                result.GetValue(address)!, result.GetValue(network), result.GetValue(force), cancellationToken),
            cancellationToken));
        return command;
    }

    private static Command Remove(CliEnvironment environment, Func<LifecycleContext>? context)
    {
        var command = new Command("remove", "Remove the QDevice: quorum.device, corosync-qdevice and its certificates on every node.");
        command.SetAction((_, cancellationToken) => LifecycleCommandRunner.RunAsync(
            environment,
            () => new QdeviceRemovalExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(cancellationToken),
            cancellationToken));
        return command;
    }
}
