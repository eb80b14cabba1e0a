namespace PveCluster.Gui.Api;

/// <summary>An /api2/json call that failed: the HTTP status (0 when no answer came) and Proxmox's message.</summary>
public sealed class ApiCallException : Exception
{
    public ApiCallException()
        : this("API call failed")
    {
    }

    public ApiCallException(string message)
        : base(message)
    {
    }

    public ApiCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiCallException(int status, string message, IReadOnlyDictionary<string, string> parameterErrors)
        : base(message)
    {
        Status = status;
        ParameterErrors = parameterErrors;
    }

    public int Status { get; }

    /// <summary>The server's Retry-After (a 503 while /etc/pve remounts), bounded; null when it sent none.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Per-parameter problems of a 400 (<c>errors</c> in the envelope).</summary>
    public IReadOnlyDictionary<string, string> ParameterErrors { get; } = new Dictionary<string, string>();

    /// <summary>The message with each parameter problem on its own line, as a user should read it.</summary>
    public string Describe() =>
        ParameterErrors.Count == 0
            ? Message.Trim()
            : Message.Trim() + "\n" + string.Join("\n", ParameterErrors.Select(p => $"{p.Key}: {p.Value.Trim()}"));
}
