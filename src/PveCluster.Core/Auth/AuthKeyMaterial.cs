using System.Security.Cryptography;
using System.Text;

namespace PveCluster.Core.Auth;

/// <summary>
/// Creates and reads the cluster-wide authentication secrets: the ticket signing key pair
/// (<c>priv/authkey.key</c>, <c>authkey.pub</c>) and the CSRF secret (<c>priv/pve-www.key</c>).
/// </summary>
public static class AuthKeyMaterial
{
    public const int AuthKeySize = 2048;
    private const int CsrfSecretBytes = 32;

    /// <summary>A new signing key pair as PEM: private key (PKCS#8) and public key (SubjectPublicKeyInfo).</summary>
    public static (string PrivateKeyPem, string PublicKeyPem) GenerateAuthKey()
    {
        using var key = RSA.Create(AuthKeySize);
        return (key.ExportPkcs8PrivateKeyPem() + "\n", key.ExportSubjectPublicKeyInfoPem() + "\n");
    }

    /// <summary>New content for <c>priv/pve-www.key</c>: random bytes as one base64 line.</summary>
    public static string GenerateCsrfSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(CsrfSecretBytes)) + "\n";

    /// <summary>The HMAC key from the file content; surrounding whitespace (a trailing newline) is not part of it.</summary>
    /// <exception cref="FormatException">The file is empty.</exception>
    public static byte[] ReadCsrfSecret(string fileContent)
    {
        ArgumentNullException.ThrowIfNull(fileContent);
        var trimmed = fileContent.Trim();
        return trimmed.Length == 0
            ? throw new FormatException("the CSRF secret (pve-www.key) is empty")
            : Encoding.UTF8.GetBytes(trimmed);
    }

    /// <summary>An RSA key from PEM (private or public).</summary>
    /// <exception cref="FormatException">The text is not a PEM RSA key.</exception>
    public static RSA ImportKey(string pem, string what)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException($"{what} is not a PEM RSA key: {e.Message}", e);
        }
    }
}
