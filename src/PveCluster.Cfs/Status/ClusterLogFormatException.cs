namespace PveCluster.Cfs.Status;

/// <summary>A cluster log message from a peer that does not decode; the receiver logs it and drops the message.</summary>
public sealed class ClusterLogFormatException : FormatException
{
    public ClusterLogFormatException()
    {
    }

    public ClusterLogFormatException(string message)
        : base(message)
    {
    }

    public ClusterLogFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
