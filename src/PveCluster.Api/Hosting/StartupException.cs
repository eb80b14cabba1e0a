namespace PveCluster.Api.Hosting;

/// <summary>The server cannot start (missing certificate, unreadable key, ...); the message tells the admin what to do.</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
