namespace PveCluster.Api.Envelope;

/// <summary>
/// An error for the client: HTTP status, a message, and per-parameter errors (the shape Proxmox uses for
/// "Parameter verification failed.").
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException()
        : this(StatusCodes.Status500InternalServerError, "internal error")
    {
    }

    public ApiException(string message)
        : this(StatusCodes.Status500InternalServerError, message)
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = StatusCodes.Status500InternalServerError;
    }

    public ApiException(int statusCode, string message, IReadOnlyDictionary<string, string>? errors = null)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors;
    }

    public int StatusCode { get; }

    public IReadOnlyDictionary<string, string>? Errors { get; }

    /// <summary>
    /// The HTTP status line's reason when it must differ from the message: clients match some of Proxmox's reasons
    /// literally (a 401 "permission denied - invalid PVE ticket" makes them log in again), while the message may say more.
    /// </summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>Sent as <c>Retry-After</c> (throttled or overloaded logins).</summary>
    public TimeSpan? RetryAfter { get; init; }

    public static ApiException Unauthorized(string message) => new(StatusCodes.Status401Unauthorized, message);

    public static ApiException BadParameters(IReadOnlyDictionary<string, string> errors) =>
        new(StatusCodes.Status400BadRequest, "Parameter verification failed.", errors);

    public static ApiException BadParameter(string name, string problem) =>
        BadParameters(new Dictionary<string, string> { [name] = problem });
}
