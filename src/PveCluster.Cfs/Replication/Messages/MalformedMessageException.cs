namespace PveCluster.Cfs.Replication.Messages;

/// <summary>A received message does not decode (truncated, unknown kind, out-of-range value).</summary>
public sealed class MalformedMessageException : Exception
{
    public MalformedMessageException()
    {
    }

    public MalformedMessageException(string message)
        : base(message)
    {
    }

    public MalformedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
