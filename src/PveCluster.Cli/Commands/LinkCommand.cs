using System.CommandLine;
using System.Globalization;
using PveCluster.Cli.Lifecycle;
using PveCluster.Core.Links;
using PveCluster.Lifecycle;
using PveCluster.Lifecycle.Links;

namespace PveCluster.Cli.Commands;

/// <summary>
/// <c>pvecm link add|set|remove LINK ...</c>: change the corosync links of the running cluster, checked first
/// (rules, then the network from every node), watched afterwards and rolled back automatically if the cluster suffers.
/// </summary>
internal static class LinkCommand
{
    public static Command Create(CliEnvironment environment, Func<LifecycleContext>? context = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new Command("link", "Add, change or remove a corosync link of the running cluster (checked, watched, rolled back on trouble).")
        {
            Add(environment, context),
            Set(environment, context),
            Remove(environment, context),
        };
    }

    private static Command Add(CliEnvironment environment, Func<LifecycleContext>? context)
    {
        var shared = new SharedOptions();
        var network = new Option<string>("--network", "-network")
        {
            Description = "A network in CIDR notation; every node's one address in it becomes its address on the link.",
            HelpName = "CIDR",
        };
        var command = new Command("add", "Add a link: one address per node (--node NAME=ADDRESS for each node, or --network CIDR).") { network };
        shared.AddTo(command, withPriority: true, withNodes: "Every node's address on the new link (IP or host name, resolved now).");
        command.SetAction((result, cancellationToken) => Run(environment, context, result, shared,
            () => shared.Options(result, LinkChangeKind.Add) with { Network = result.GetValue(network) }, cancellationToken));
        return command;
    }

    private static Command Set(CliEnvironment environment, Func<LifecycleContext>? context)
    {
        var shared = new SharedOptions();
        var delete = new Option<string>("--delete", "-delete") { Description = "'priority': remove the link's knet_link_priority.", HelpName = "priority" };
        var command = new Command("set", "Change a link's priority (the HIGHEST number carries the traffic) or readdress one node on it.") { delete };
        shared.AddTo(command, withPriority: true, withNodes: "One node's new address on the link (IP or host name, resolved now).");
        command.SetAction((result, cancellationToken) => Run(environment, context, result, shared, () =>
        {
            var clear = result.GetValue(delete) switch
            {
                null => false,
                "priority" => true,
                var other => throw CliException.Usage($"--delete: only 'priority' can be deleted, not '{other}'"),
            };
            return shared.Options(result, LinkChangeKind.Set) with { ClearPriority = clear };
        }, cancellationToken));
        return command;
    }

    private static Command Remove(CliEnvironment environment, Func<LifecycleContext>? context)
    {
        var shared = new SharedOptions();
        var command = new Command("remove", "Remove a link from every node (never the last link).");
        shared.AddTo(command, withPriority: false, withNodes: null);
        command.SetAction((result, cancellationToken) => Run(environment, context, result, shared,
            () => shared.Options(result, LinkChangeKind.Remove), cancellationToken));
        return command;
    }

    private static Task<int> Run(
        CliEnvironment environment, Func<LifecycleContext>? context, ParseResult result, SharedOptions shared, Func<LinkChangeOptions> options,
        CancellationToken cancellationToken) =>
        LifecycleCommandRunner.RunAsync(
            environment,
            () => new LinkChangeExecutor(CreateCommand.Resolve(environment, context), environment.Out).RunAsync(options(), cancellationToken),
            cancellationToken);

    /// <summary>The link number, --node, --priority, --skip-preflight and --grace, shared by the three subcommands.</summary>
    private sealed class SharedOptions
    {
        private readonly Argument<string> _link = new("link") { Description = $"The link number ({LinkSpec.MinNumber}..{LinkSpec.MaxNumber})." };
        private readonly Option<string[]> _nodes = new("--node", "-node") { HelpName = "NAME=ADDRESS", AllowMultipleArgumentsPerToken = false };
        private readonly Option<string> _priority = new("--priority", "-priority")
        {
            Description = $"knet_link_priority {LinkSpec.MinPriority}..{LinkSpec.MaxPriority}; in passive mode the link with the HIGHEST number carries the traffic.",
            HelpName = "N",
        };

        private readonly Option<bool> _skipPreflight = new("--skip-preflight", "-skip-preflight")
        {
            Description = "Do not check the network first (tests and experts; the watch still rolls back a change that hurts the cluster).",
        };

        private readonly Option<int?> _grace = new("--grace", "-grace")
        {
            Description = "Seconds to watch quorum, membership and the changed link before the change is kept (default 30).",
            HelpName = "SECONDS",
        };

        public void AddTo(Command command, bool withPriority, string? withNodes)
        {
            command.Arguments.Add(_link);
            if (withNodes is not null)
            {
                _nodes.Description = withNodes;
                command.Options.Add(_nodes);
            }

            if (withPriority)
            {
                command.Options.Add(_priority);
            }

            command.Options.Add(_skipPreflight);
            command.Options.Add(_grace);
        }

        /// <exception cref="CliException">A value is malformed (usage error).</exception>
        public LinkChangeOptions Options(ParseResult result, LinkChangeKind kind)
        {
            var linkText = result.GetValue(_link);
            if (!int.TryParse(linkText, NumberStyles.None, CultureInfo.InvariantCulture, out var link) || link > LinkSpec.MaxNumber)
            {
                throw CliException.Usage($"link: '{linkText}' is not a link number ({LinkSpec.MinNumber}..{LinkSpec.MaxNumber}); knet has at most 8 links");
            }

            int? priority = null;
            if (result.GetValue(_priority) is { } priorityText)
            {
                if (!int.TryParse(priorityText, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p > LinkSpec.MaxPriority)
                {
                    throw CliException.Usage($"--priority: '{priorityText}' is not an integer from {LinkSpec.MinPriority} to {LinkSpec.MaxPriority}");
                }

                priority = p;
            }

            if (result.GetValue(_grace) is < 1 or > 600)
            {
                throw CliException.Usage("--grace: give 1 to 600 seconds");
            }

            var nodes = new List<KeyValuePair<string, string>>();
            foreach (var entry in result.GetValue(_nodes) ?? [])
            {
                var eq = entry.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || eq == entry.Length - 1)
                {
                    throw CliException.Usage($"--node: '{entry}' is not NAME=ADDRESS");
                }

                var address = entry[(eq + 1)..];
                var problem = LinkAddress.TryClassify(address, out _, out var syntax) ? LinkAddress.UnusableIpProblem(address) : syntax;
                if (problem is not null)
                {
                    throw CliException.Usage($"--node {entry[..eq]}: {problem}");
                }

                nodes.Add(KeyValuePair.Create(entry[..eq], address));
            }

            return new LinkChangeOptions(
                kind, link, priority, NodeAddresses: nodes, SkipPreflight: result.GetValue(_skipPreflight),
                Grace: result.GetValue(_grace) is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        }
    }
}
