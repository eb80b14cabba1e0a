using PveCluster.Core.Text;

namespace PveCluster.Core.Links;

/// <summary>A <c>--linkN</c> option value or link set that cannot be accepted.</summary>
/// <remarks>The message always starts with the option name (for example <c>link1: </c>) so a user
/// who passed several links knows which one is wrong.</remarks>
public sealed class LinkFormatException : FormatException
{
    public LinkFormatException(string optionName, string problem)
        : base($"{CharNames.Printable(optionName)}: {CharNames.Printable(problem)}")
    {
        OptionName = optionName;
    }

    public LinkFormatException()
    {
        OptionName = string.Empty;
    }

    public LinkFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        OptionName = string.Empty;
    }

    /// <summary>The option the problem belongs to, for example <c>link1</c> (empty for set-level problems).</summary>
    public string OptionName { get; }
}
