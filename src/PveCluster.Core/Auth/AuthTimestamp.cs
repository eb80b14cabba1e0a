using System.Globalization;

namespace PveCluster.Core.Auth;

/// <summary>
/// Tickets and CSRF tokens carry their creation time as 8 upper-case hex digits of Unix seconds, and are accepted
/// for two hours; a little clock skew between cluster nodes is tolerated in the other direction.
/// </summary>
public static class AuthTimestamp
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(2);

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static string Format(DateTimeOffset time) =>
        ((uint)time.ToUnixTimeSeconds()).ToString("X8", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset time)
    {
        time = default;
        if (text.Length != 8 || !text.All(c => char.IsAsciiDigit(c) || c is >= 'A' and <= 'F'))
        {
            return false;
        }

        time = DateTimeOffset.FromUnixTimeSeconds(uint.Parse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
        return true;
    }

    /// <summary>Why a token created at <paramref name="created"/> is not acceptable at <paramref name="now"/>, or null if it is.</summary>
    public static AuthFailure? CheckAge(DateTimeOffset created, DateTimeOffset now)
    {
        var age = now - created;
        if (age > MaxAge)
        {
            return AuthFailure.Expired;
        }

        return age < -MaxClockSkew ? AuthFailure.NotYetValid : null;
    }
}
