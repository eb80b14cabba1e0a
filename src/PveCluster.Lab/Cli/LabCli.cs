using System.CommandLine;

namespace PveCluster.Lab.Cli;

/// <summary>The `pvelab` command tree: builds, inspects, breaks and removes labs.</summary>
public static class LabCli
{
    /// <summary>Commands whose trailing words are a command line to run, passed through untouched.</summary>
    private static readonly Dictionary<string, int> PassThroughCommands = new(StringComparer.Ordinal)
    {
        ["exec"] = 1, // exec I CMD...
        ["spawn"] = 2, // spawn I NAME CMD...
    };

    public static async Task<int> RunAsync(string[] args)
    {
        using var context = new CliContext();
        var root = new RootCommand("pvelab: N Proxmox-style cluster nodes on this machine (network + mount namespaces, real corosync).");
        root.Options.Add(context.LabOption);
        root.Options.Add(context.VerboseOption);
        foreach (var command in UpDownCommands.Create(context)
            .Concat(NodeCommands.Create(context))
            .Concat(LinkCommands.Create(context))
            .Concat(DelayCommands.Create(context))
            .Concat(StatusCommands.Create(context))
            .Concat(ServiceCommands.Create(context)))
        {
            root.Subcommands.Add(command);
        }
        return await root.Parse(InsertPassThroughSeparator(args)).InvokeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// `pvelab exec 1 corosync-quorumtool -s` must not parse "-s" as a pvelab option: insert "--"
    /// after the positional arguments of exec/spawn unless the user already wrote one.
    /// </summary>
    internal static string[] InsertPassThroughSeparator(string[] args)
    {
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == "--")
            {
                return args;
            }
            if (args[index] is "--lab")
            {
                index++;
                continue;
            }
            if (args[index].StartsWith('-'))
            {
                continue;
            }
            if (!PassThroughCommands.TryGetValue(args[index], out var positionals))
            {
                return args;
            }
            var split = index + 1 + positionals;
            if (split >= args.Length || args[split] == "--")
            {
                return args;
            }
            return [.. args[..split], "--", .. args[split..]];
        }
        return args;
    }
}
