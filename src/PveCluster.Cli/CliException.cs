namespace PveCluster.Cli;

/// <summary>An expected failure: printed as one line on stderr, process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.Failure, Exception? innerException = null)
        : base(message, innerException) => ExitCode = exitCode;

    public CliException()
        : this("pvecm failed")
    {
    }

    public CliException(string message)
        : this(message, ExitCodes.Failure)
    {
    }

    public CliException(string message, Exception innerException)
        : this(message, ExitCodes.Failure, innerException)
    {
    }

    public int ExitCode { get; }

    public static CliException NotInCluster(string confPath) =>
        new($"node is not in a cluster ({confPath} does not exist)");

    public static CliException Usage(string message) => new(message, ExitCodes.Usage);
}
