using System.CommandLine;

namespace PveCluster.Lab.Cli;

/// <summary>`cut`, `heal`: break and repair a node's network links.</summary>
internal static class LinkCommands
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Cut(context);
        yield return Heal(context);
    }

    private static Command Cut(CliContext context)
    {
        var node = new Argument<string>("I") { Description = "Node number" };
        var link = new Argument<string?>("LINK") { Description = "Link number or all (default all)", Arity = ArgumentArity.ZeroOrOne };
        var drop = new Option<bool>("--drop") { Description = "Silently drop packets (iptables) instead of taking the carrier down" };
        var command = new Command("cut", "Disconnect node I on a link") { node, link, drop };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            await lab.CutAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), CliContext.ParseLink(parseResult.GetValue(link)),
                parseResult.GetValue(drop), cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }

    private static Command Heal(CliContext context)
    {
        var node = new Argument<string>("I") { Description = "Node number" };
        var link = new Argument<string?>("LINK") { Description = "Link number or all (default all)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("heal", "Undo cut (both kinds) on a link of node I") { node, link };
        command.SetAction((parseResult, cancellationToken) => CliContext.GuardAsync(async () =>
        {
            var lab = context.OpenLab(parseResult, context.CreateLogger(parseResult));
            await lab.HealAsync(CliContext.ParseNode(parseResult.GetRequiredValue(node)), CliContext.ParseLink(parseResult.GetValue(link)),
                cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
