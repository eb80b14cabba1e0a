namespace PveCluster.Corosync;

/// <summary>A corosync library call failed. Carries the typed error and the C function that returned it.</summary>
public class CorosyncException : Exception
{
    public CorosyncException()
        : this(CsError.FailedOperation, "unknown")
    {
    }

    public CorosyncException(string message)
        : base(message)
    {
        Operation = "unknown";
        Error = CsError.FailedOperation;
    }

    public CorosyncException(string message, Exception innerException)
        : base(message, innerException)
    {
        Operation = "unknown";
        Error = CsError.FailedOperation;
    }

    public CorosyncException(CsError error, string operation)
        : base($"{operation} failed: {CsErrorText.Describe(error)}")
    {
        Error = error;
        Operation = operation;
    }

    /// <summary>The error corosync returned.</summary>
    public CsError Error { get; }

    /// <summary>The native function that failed, e.g. <c>cpg_join</c>.</summary>
    public string Operation { get; }

    /// <summary>True when the daemon is unreachable (not running, restarting, or another namespace).</summary>
    public bool IsConnectionFailure => Error == CsError.Library;
}
