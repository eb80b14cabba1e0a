namespace PveCluster.Lifecycle;

/// <summary>
/// An expected failure of a cluster operation, with a message meant for the administrator: pvecm prints it
/// as one line on stderr, the API returns it as the error message or the task's final error line.
/// </summary>
public class LifecycleException : Exception
{
    public LifecycleException()
        : this("cluster operation failed")
    {
    }

    public LifecycleException(string message)
        : base(message)
    {
    }

    public LifecycleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The request itself is malformed (pvecm exits with its usage code, the API answers 400).</summary>
    public bool IsUsageError { get; init; }

    public static LifecycleException CorosyncNotRunning(string service, Exception inner) => new(
        $"corosync is not running on this node (cannot connect to the {service} service) — is this node part of a cluster?",
        inner);

    public static LifecycleException NotInCluster(string confPath) =>
        new($"node is not in a cluster ({confPath} does not exist)");

    public static LifecycleException Usage(string message) => new(message) { IsUsageError = true };
}
