namespace PveCluster.Api.Auth;

/// <summary>Outcome of a PAM login; <see cref="Error"/> is PAM's own text (for the log, not for the client).</summary>
public sealed record PamResult(bool Success, string? Error)
{
    public static PamResult Ok { get; } = new(true, null);
}
