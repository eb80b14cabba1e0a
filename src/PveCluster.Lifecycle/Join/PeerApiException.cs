namespace PveCluster.Lifecycle.Join;

/// <summary>The peer's API answered with an error: HTTP status, its message and per-parameter errors.</summary>
public class PeerApiException : Exception
{
    public PeerApiException()
        : this(0, "peer API error", null)
    {
    }

    public PeerApiException(string message)
        : this(0, message, null)
    {
    }

    public PeerApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string>();
    }

    public PeerApiException(int statusCode, string message, IReadOnlyDictionary<string, string>? errors)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors ?? new Dictionary<string, string>();
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string> Errors { get; }

    /// <summary>The message plus every parameter error, one per line.</summary>
    public string Describe() =>
        Errors.Count == 0
            ? Message.Trim()
            : Message.Trim() + "\n" + string.Join("\n", Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"  {e.Key}: {e.Value}"));
}

/// <summary>The peer refused the login (HTTP 401 on /access/ticket).</summary>
public sealed class PeerAuthenticationException : PeerApiException
{
    public PeerAuthenticationException()
    {
    }

    public PeerAuthenticationException(string message)
        : base(401, message, null)
    {
    }

    public PeerAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
