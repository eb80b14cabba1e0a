using PveCluster.Core.Text;

namespace PveCluster.Core.DatacenterCfg;

/// <summary>
/// A datacenter.cfg line or value that cannot be accepted; the message starts with the line number when known and
/// shows control characters from the file escaped.
/// </summary>
public sealed class DatacenterConfigException : FormatException
{
    public DatacenterConfigException(int? lineNumber, string problem)
        : base(lineNumber is { } n ? $"datacenter.cfg line {n}: {CharNames.Printable(problem)}" : $"datacenter.cfg: {CharNames.Printable(problem)}")
    {
        LineNumber = lineNumber;
    }

    public DatacenterConfigException()
    {
    }

    public DatacenterConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>1-based line number of the problem, or null when it is not tied to a line.</summary>
    public int? LineNumber { get; }
}
