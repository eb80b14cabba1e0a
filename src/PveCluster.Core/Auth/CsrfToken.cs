using System.Security.Cryptography;
using System.Text;

namespace PveCluster.Core.Auth;

/// <summary>
/// CSRF prevention token <c>&lt;hex time&gt;:&lt;base64 HMAC-SHA256 of "hextime:user"&gt;</c>. The secret is the
/// cluster-wide <c>priv/pve-www.key</c>; a browser gets the token with its ticket and must echo it in the
/// <c>CSRFPreventionToken</c> header on every state-changing request, which a cross-site form cannot do.
/// </summary>
public static class CsrfToken
{
    public static string Create(ReadOnlySpan<byte> secret, UserId user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        var timestamp = AuthTimestamp.Format(now);
        return $"{timestamp}:{Convert.ToBase64String(Mac(secret, timestamp, user))}";
    }

    /// <summary>Null when the token is valid for <paramref name="user"/> at <paramref name="now"/>, otherwise the reason.</summary>
    public static AuthFailure? Verify(ReadOnlySpan<byte> secret, UserId user, string? token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (token is null || token.Length < 10 || token[8] != ':' || !AuthTimestamp.TryParse(token[..8], out var created))
        {
            return AuthFailure.Malformed;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(token[9..], given, out var length) || length != given.Length)
        {
            return AuthFailure.Malformed;
        }

        if (!CryptographicOperations.FixedTimeEquals(Mac(secret, token[..8], user), given))
        {
            return AuthFailure.BadSignature;
        }

        return AuthTimestamp.CheckAge(created, now);
    }

    private static byte[] Mac(ReadOnlySpan<byte> secret, string timestamp, UserId user) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{timestamp}:{user}"));
}
