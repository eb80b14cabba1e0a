using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace PveCluster.Lab.Cli;

/// <summary>Options every command shares and the plumbing to turn a parse result into a lab.</summary>
internal sealed class CliContext : IDisposable
{
    private ILoggerFactory? _loggerFactory;

    public Option<string?> LabOption { get; } = new("--lab")
    {
        Description = $"Lab id (default: ${LabCluster.LabIdVariable}, else the only lab)",
        Recursive = true,
    };

    public Option<bool> VerboseOption { get; } = new("--verbose", "-v")
    {
        Description = "Log every command the lab runs",
        Recursive = true,
    };

    public ILogger CreateLogger(ParseResult parseResult)
    {
        var verbose = parseResult.GetValue(VerboseOption);
        _loggerFactory ??= LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "HH:mm:ss.fff ";
            })
            .AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace));
        return _loggerFactory.CreateLogger("pvelab");
    }

    /// <summary>Flushes the console logger, which writes from a background queue.</summary>
    public void Dispose() => _loggerFactory?.Dispose();

    public LabCluster OpenLab(ParseResult parseResult, ILogger logger) =>
        LabCluster.Open(parseResult.GetValue(LabOption), logger);

    /// <summary>Runs a command body, turning lab errors into one readable line and exit code 1.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (LabException e)
        {
            await Console.Error.WriteLineAsync($"pvelab: {e.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (TimeoutException e)
        {
            await Console.Error.WriteLineAsync($"pvelab: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Parses "1" or "n1" into a node number.</summary>
    public static int ParseNode(string text)
    {
        var digits = text.StartsWith('n') ? text[1..] : text;
        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var node)
            ? node
            : throw new LabException($"bad node '{text}' (expected a number such as 1 or n1)");
    }

    /// <summary>Parses a link argument: a number, or "all"/absent for every link.</summary>
    public static int? ParseLink(string? text)
    {
        if (string.IsNullOrEmpty(text) || text == "all")
        {
            return null;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var link)
            ? link
            : throw new LabException($"bad link '{text}' (expected 0, 1 or all)");
    }
}
