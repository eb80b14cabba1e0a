using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Keys;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;

namespace PveCluster.Api.Tests.Keys;

/// <summary>A pve-dir with a ticket key pair made at a chosen time, and a clock the tests move.</summary>
public sealed class KeyDirectory : IDisposable
{
    public KeyDirectory(TimeSpan keyAge)
    {
        var (privatePem, publicPem) = AuthKeyMaterial.GenerateAuthKey();
        PveFileWriter.Write(PveDir.AuthPrivateKey, privatePem, PveFileWriter.Private, modified: Time.GetUtcNow() - keyAge);
        PveFileWriter.Write(PveDir.AuthPublicKey, publicPem, PveFileWriter.Public, modified: Time.GetUtcNow() - keyAge);
        PveFileWriter.Write(PveDir.CsrfSecret, AuthKeyMaterial.GenerateCsrfSecret(), PveFileWriter.Private);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("pve-keys-test-").FullName;

    public PveDirectory PveDir => new(Root);

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public string PublicKey => File.ReadAllText(PveDir.AuthPublicKey);

    public string? PreviousKey => File.Exists(PveDir.AuthPublicKeyOld) ? File.ReadAllText(PveDir.AuthPublicKeyOld) : null;

    /// <summary>What another node's pve-api sees: its own rotation and key cache over the same files.</summary>
    public (TicketKeyRotation Rotation, AuthKeyStore Keys) Node()
    {
        var rotation = Rotation();
        return (rotation, new AuthKeyStore(PveDir, rotation));
    }

    public TicketKeyRotation Rotation() => new(PveDir, Time, NullLogger<TicketKeyRotation>.Instance);

    /// <summary>A ticket signed with whatever private key is on disk now (a node that has not noticed a rotation).</summary>
    public string TicketWithCurrentPrivateKey(DateTimeOffset issued)
    {
        using var key = AuthKeyMaterial.ImportKey(File.ReadAllText(PveDir.AuthPrivateKey), "authkey.key");
        return AuthTicket.Create(key, UserId.Parse("root@pam"), issued);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
