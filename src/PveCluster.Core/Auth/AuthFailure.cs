namespace PveCluster.Core.Auth;

/// <summary>Why a ticket or CSRF token was rejected.</summary>
public enum AuthFailure
{
    /// <summary>Not in the expected text format.</summary>
    Malformed,

    /// <summary>The signature or HMAC does not match (tampered, other key, or other user).</summary>
    BadSignature,

    /// <summary>Older than <see cref="AuthTimestamp.MaxAge"/>.</summary>
    Expired,

    /// <summary>Created further in the future than the allowed clock skew.</summary>
    NotYetValid,

    /// <summary>Valid, but issued for a different user.</summary>
    WrongUser,
}
