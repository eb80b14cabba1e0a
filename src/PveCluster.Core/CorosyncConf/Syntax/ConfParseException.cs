using PveCluster.Core.Text;

namespace PveCluster.Core.CorosyncConf;

/// <summary>corosync.conf text that cannot be read; <see cref="LineNumber"/> points at the offending line (1-based).</summary>
public sealed class ConfParseException : FormatException
{
    public ConfParseException()
    {
        Reason = "";
    }

    public ConfParseException(string message)
        : base(message)
    {
        Reason = message;
    }

    public ConfParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    public ConfParseException(int lineNumber, string reason)
        : base($"corosync.conf line {lineNumber}: {CharNames.Printable(reason)}")
    {
        LineNumber = lineNumber;
        Reason = CharNames.Printable(reason);
    }

    public int LineNumber { get; }

    /// <summary>The message without the line prefix.</summary>
    public string Reason { get; }
}
