using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveCluster.Core.Certificates;

/// <summary>
/// PEM text for a certificate and its private key, as stored in <c>/etc/pve</c>. Keys are written as PKCS#8
/// (<c>BEGIN PRIVATE KEY</c>); both PKCS#8 and PKCS#1 (<c>BEGIN RSA PRIVATE KEY</c>, older openssl) are read.
/// </summary>
public sealed record CertificatePem(string Certificate, string PrivateKey)
{
    /// <exception cref="ArgumentException">The certificate carries no RSA private key.</exception>
    public static CertificatePem Export(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException($"'{certificate.Subject}' has no RSA private key to export.", nameof(certificate));
        return new CertificatePem(certificate.ExportCertificatePem() + "\n", key.ExportPkcs8PrivateKeyPem() + "\n");
    }

    /// <summary>The certificate with its private key attached.</summary>
    /// <exception cref="CertificateFormatException">Either text is not a PEM certificate/key, or they do not belong together.</exception>
    public X509Certificate2 Import()
    {
        var certificate = ImportCertificate(Certificate);
        using (certificate)
        {
            using var key = RSA.Create();
            try
            {
                key.ImportFromPem(PrivateKey);
            }
            catch (ArgumentException e)
            {
                throw new CertificateFormatException($"The private key is not a PEM RSA key: {e.Message}", e);
            }
            catch (CryptographicException e)
            {
                throw new CertificateFormatException($"The private key is not a readable RSA key: {e.Message}", e);
            }

            try
            {
                return certificate.CopyWithPrivateKey(key);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new CertificateFormatException($"The private key does not belong to certificate '{certificate.Subject}'.", e);
            }
        }
    }

    /// <summary>A certificate without key (for example the CA as a trust root).</summary>
    /// <exception cref="CertificateFormatException">The text holds no PEM certificate.</exception>
    public static X509Certificate2 ImportCertificate(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException e)
        {
            throw new CertificateFormatException($"Not a PEM certificate: {e.Message}", e);
        }
    }
}
