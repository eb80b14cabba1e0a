namespace PveCluster.Core.CorosyncConf;

/// <summary>A key exists but its value has the wrong form for the typed view (for example <c>token: fast</c>).</summary>
public sealed class ConfValueException : FormatException
{
    public ConfValueException()
    {
    }

    public ConfValueException(string message)
        : base(message)
    {
    }

    public ConfValueException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
