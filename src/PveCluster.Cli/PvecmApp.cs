using System.CommandLine;
using PveCluster.Cli.Commands;

namespace PveCluster.Cli;

/// <summary>Builds the pvecm command tree and runs it.</summary>
public static class PvecmApp
{
    public static int Run(string[] args) => Run(args, CliEnvironment.Console());

    /// <summary>The command tree alone (pve-docgen writes the man page and bash completion from it).</summary>
    public static RootCommand CreateRootCommand() => CreateRootCommand(CliEnvironment.Console());

    internal static int Run(string[] args, CliEnvironment environment)
    {
        var parseResult = CreateRootCommand(environment).Parse(args);
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
            {
                environment.Error.WriteLine(error.Message);
            }

            environment.Error.WriteLine("Run 'pvecm --help' for usage.");
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(configuration);
    }

    private static RootCommand CreateRootCommand(CliEnvironment environment) =>
        new("Proxmox VE cluster manager: create, join and inspect a corosync cluster.")
        {
            StatusCommand.Create(environment),
            NodesCommand.Create(environment),
            ExpectedCommand.Create(environment),
            CreateCommand.Create(environment),
            AddCommand.Create(environment),
            AddNodeCommand.Create(environment),
            DelNodeCommand.Create(environment),
            UpdateCertsCommand.Create(environment),
            KeygenCommand.Create(environment),
            QdeviceCommand.Create(environment),
            LinkCommand.Create(environment),
            NetProbeCommand.Create(environment),
            PreflightCommand.Create(environment),
            MtunnelCommand.Create(environment),
        };
}
