using System.Security.Cryptography;
using PveCluster.Api.Auth.Keys;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Auth;

/// <summary>
/// The ticket keys and CSRF secret, read from the pve-dir and re-read when a file changes (a rotation on any node,
/// or joining a cluster, replaces them while the server keeps running). Tickets are checked against the current
/// key and, for tickets issued before the last rotation, the previous one (<see cref="TicketKeyRules"/>).
/// </summary>
public sealed class AuthKeyStore(PveDirectory pveDir, TicketKeyRotation rotation) : IDisposable
{
    private readonly CachedKeyFile<RSA> _privateKey = new(pveDir.AuthPrivateKey, text => AuthKeyMaterial.ImportKey(text, "authkey.key"));
    private readonly CachedKeyFile<RSA> _publicKey = new(pveDir.AuthPublicKey, text => AuthKeyMaterial.ImportKey(text, "authkey.pub"));
    private readonly CachedKeyFile<RSA> _previousKey = new(pveDir.AuthPublicKeyOld, text => AuthKeyMaterial.ImportKey(text, "authkey.pub.old"));
    private readonly CachedKeyFile<byte[]> _csrfSecret = new(pveDir.CsrfSecret, AuthKeyMaterial.ReadCsrfSecret);

    /// <summary>A new ticket, signed with a key that is not due for rotation if the cluster lets us rotate it.</summary>
    public string CreateTicket(UserId user, DateTimeOffset now)
    {
        rotation.RotateIfDue();
        return AuthTicket.Create(_privateKey.Get().Value, user, now);
    }

    public TicketCheck VerifyTicket(string? ticket, DateTimeOffset now)
    {
        var (current, created) = _publicKey.Get();
        var check = AuthTicket.Verify(current, ticket, now);
        if (check.IsValid)
        {
            return TicketKeyRules.FitsCurrentKey(check.IssuedAt!.Value, created) ? check : TicketCheck.Fail(AuthFailure.BadSignature);
        }

        if (check.Failure != AuthFailure.BadSignature || _previousKey.TryGet() is not { } previous)
        {
            return check;
        }

        var old = AuthTicket.Verify(previous.Value, ticket, now);
        return old.IsValid && !TicketKeyRules.FitsPreviousKey(old.IssuedAt!.Value, created) ? check : old;
    }

    public string CreateCsrfToken(UserId user, DateTimeOffset now) => CsrfToken.Create(_csrfSecret.Get().Value, user, now);

    public AuthFailure? VerifyCsrfToken(UserId user, string? token, DateTimeOffset now) =>
        CsrfToken.Verify(_csrfSecret.Get().Value, user, token, now);

    public void Dispose()
    {
        _privateKey.Dispose();
        _publicKey.Dispose();
        _previousKey.Dispose();
    }
}
