using System.Security.Cryptography;
using System.Text;

namespace PveCluster.Core.Auth;

/// <summary>
/// Login tickets <c>PVE:&lt;user&gt;:&lt;hex time&gt;::&lt;base64 signature&gt;</c>. They are signed with the cluster's
/// RSA authkey (<c>priv/authkey.key</c>) and checked with its public half (<c>authkey.pub</c>), which every node
/// reads from /etc/pve, so a ticket issued by one node is accepted by all of them.
/// </summary>
public static class AuthTicket
{
    public const string Prefix = "PVE";
    private const string SignatureSeparator = "::";

    private static readonly HashAlgorithmName Hash = HashAlgorithmName.SHA256;

    public static string Create(RSA privateKey, UserId user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(user);
        var plain = $"{Prefix}:{user}:{AuthTimestamp.Format(now)}";
        var signature = privateKey.SignData(Encoding.UTF8.GetBytes(plain), Hash, RSASignaturePadding.Pkcs1);
        return plain + SignatureSeparator + Convert.ToBase64String(signature);
    }

    public static TicketCheck Verify(RSA publicKey, string? ticket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (string.IsNullOrEmpty(ticket))
        {
            return TicketCheck.Fail(AuthFailure.Malformed);
        }

        var split = ticket.LastIndexOf(SignatureSeparator, StringComparison.Ordinal);
        if (split < 0)
        {
            return TicketCheck.Fail(AuthFailure.Malformed);
        }

        var plain = ticket[..split];
        var parts = plain.Split(':');
        if (parts.Length != 3 || !string.Equals(parts[0], Prefix, StringComparison.Ordinal)
            || !UserId.TryParse(parts[1], out var user) || !AuthTimestamp.TryParse(parts[2], out var issued))
        {
            return TicketCheck.Fail(AuthFailure.Malformed);
        }

        var signature = new byte[publicKey.KeySize / 8];
        if (!Convert.TryFromBase64String(ticket[(split + SignatureSeparator.Length)..], signature, out var length)
            || length != signature.Length)
        {
            return TicketCheck.Fail(AuthFailure.Malformed);
        }

        if (!publicKey.VerifyData(Encoding.UTF8.GetBytes(plain), signature, Hash, RSASignaturePadding.Pkcs1))
        {
            return TicketCheck.Fail(AuthFailure.BadSignature);
        }

        return AuthTimestamp.CheckAge(issued, now) is { } failure
            ? TicketCheck.Fail(failure)
            : new TicketCheck(user, issued, null);
    }

    /// <summary>Like <see cref="Verify(RSA, string?, DateTimeOffset)"/>, and the ticket must belong to <paramref name="expected"/>.</summary>
    public static TicketCheck VerifyFor(RSA publicKey, string? ticket, UserId expected, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var check = Verify(publicKey, ticket, now);
        return check.IsValid && check.User != expected ? TicketCheck.Fail(AuthFailure.WrongUser) : check;
    }
}
