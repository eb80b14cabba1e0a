using System.CommandLine;
using PveCluster.Core.Links;

namespace PveCluster.Cli.Lifecycle;

/// <summary><c>--link0</c> … <c>--link7</c> (<c>[address=]ADDR[,priority=N]</c>), shared by create, add and addnode.</summary>
internal sealed class LinkOptions
{
    private readonly List<Option<string>> _options = [];

    public LinkOptions(string purpose)
    {
        for (var number = LinkSpec.MinNumber; number <= LinkSpec.MaxNumber; number++)
        {
            _options.Add(new Option<string>($"--{LinkSpec.OptionNameFor(number)}", $"-{LinkSpec.OptionNameFor(number)}")
            {
                Description = $"{purpose} on corosync link {number}: [address=]ADDRESS[,priority=N]",
                HelpName = "ADDR",
            });
        }
    }

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in _options)
        {
            command.Options.Add(option);
        }
    }

    /// <exception cref="CliException">A value is malformed (usage error).</exception>
    public List<LinkSpec> Parse(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var links = new List<LinkSpec>();
        for (var number = 0; number < _options.Count; number++)
        {
            if (result.GetValue(_options[number]) is not { } value)
            {
                continue;
            }

            try
            {
                links.Add(LinkSpecParser.Parse(number, value));
            }
            catch (LinkFormatException ex)
            {
                throw CliException.Usage(ex.Message);
            }
        }

        return links;
    }
}
