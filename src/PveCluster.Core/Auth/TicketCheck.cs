namespace PveCluster.Core.Auth;

/// <summary>Outcome of <see cref="AuthTicket.Verify"/>: the user on success, otherwise the reason.</summary>
public sealed record TicketCheck(UserId? User, DateTimeOffset? IssuedAt, AuthFailure? Failure)
{
    public bool IsValid => Failure is null;

    public static TicketCheck Fail(AuthFailure failure) => new(null, null, failure);

    /// <summary>A sentence for logs and 401 responses.</summary>
    public string Describe() => Failure switch
    {
        null => "valid ticket",
        AuthFailure.Malformed => "invalid ticket format",
        AuthFailure.BadSignature => "invalid ticket signature",
        AuthFailure.Expired => "ticket expired",
        AuthFailure.NotYetValid => "ticket issued in the future (check the clocks of the cluster nodes)",
        AuthFailure.WrongUser => "ticket belongs to another user",
        _ => Failure.Value.ToString(),
    };
}
