using System.CommandLine;

namespace PveCluster.DocGen;

/// <summary>
/// The visible part of a command tree as the documentation shows it: every command with its full path
/// (<c>pvecm link add</c>), its arguments, and the options that apply to it (its own and recursive ones of its parents).
/// </summary>
internal static class CommandTree
{
    /// <summary>
    /// <paramref name="root"/> and every visible command below it, depth first, in definition order. The root is
    /// called <paramref name="program"/>: a RootCommand names itself after the running executable.
    /// </summary>
    public static IEnumerable<CommandPath> Walk(string program, Command root)
    {
        ArgumentException.ThrowIfNullOrEmpty(program);
        ArgumentNullException.ThrowIfNull(root);
        return Walk(program, root, [root], []);
    }

    private static IEnumerable<CommandPath> Walk(string program, Command command, IReadOnlyList<Command> path, IReadOnlyList<Option> inherited)
    {
        var options = command.Options.Where(o => !o.Hidden).ToList();
        var applicable = options.Concat(inherited.Where(o => !options.Contains(o))).ToList();
        yield return new CommandPath(program, path, applicable);

        var passedOn = inherited.Concat(options.Where(o => o.Recursive)).ToList();
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            foreach (var below in Walk(program, sub, [.. path, sub], passedOn))
                yield return below;
        }
    }

    /// <summary>The spellings of an option a user types: its name and its dash aliases (not the Windows-style <c>/?</c>).</summary>
    public static IEnumerable<string> Spellings(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal))
            .Where(s => s.StartsWith('-') && s.Skip(1).All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            .Distinct();
    }

    /// <summary>True for an on/off switch (<c>Option&lt;bool&gt;</c>): it takes no value on the command line.</summary>
    public static bool IsFlag(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.ValueType == typeof(bool) || option.Arity.MaximumNumberOfValues == 0;
    }

    /// <summary>The fixed values an option accepts (enum names, AcceptOnlyFromAmong), or none.</summary>
    public static IReadOnlyList<string> FixedValues(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return IsFlag(option)
            ? []
            : [.. option.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label).Distinct()];
    }

    /// <summary>The placeholder for an option's value (<c>HelpName</c>, else the option name without dashes).</summary>
    public static string ValueName(Option option)
    {
        ArgumentNullException.ThrowIfNull(option);
        return option.HelpName ?? option.Name.TrimStart('-');
    }
}

/// <summary>One command of the tree: its path from the root and the options it accepts.</summary>
internal sealed record CommandPath(string Program, IReadOnlyList<Command> Commands, IReadOnlyList<Option> Options)
{
    public Command Command => Commands[^1];

    public bool IsRoot => Commands.Count == 1;

    /// <summary>The words a user types to reach it: <c>pvecm link add</c>.</summary>
    public string Words => string.Join(' ', Commands.Skip(1).Select(c => c.Name).Prepend(Program));

    public IEnumerable<Command> VisibleSubcommands => Command.Subcommands.Where(c => !c.Hidden);

    public IEnumerable<Argument> VisibleArguments => Command.Arguments.Where(a => !a.Hidden);
}
