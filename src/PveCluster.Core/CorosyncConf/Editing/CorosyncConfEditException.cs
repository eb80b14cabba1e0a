namespace PveCluster.Core.CorosyncConf;

/// <summary>An edit of corosync.conf was refused; the message says why in terms an admin can act on.</summary>
public sealed class CorosyncConfEditException : ArgumentException
{
    public CorosyncConfEditException()
    {
    }

    public CorosyncConfEditException(string message)
        : base(message)
    {
    }

    public CorosyncConfEditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
