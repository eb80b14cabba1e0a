using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveCluster.Core.Certificates;

/// <summary>
/// Creates the cluster CA (<c>pve-root-ca.pem</c> + <c>priv/pve-root-ca.key</c>). Every cluster gets a unique
/// organizational unit so that two clusters' CAs never share a subject, even though both use the same common name.
/// </summary>
public static class ClusterCertificateAuthority
{
    public const string CommonName = "Proxmox Virtual Environment";
    public const string Organization = "PVE Cluster Manager CA";

    /// <summary>A new self-signed CA certificate that carries its RSA private key.</summary>
    public static X509Certificate2 Create(DateTimeOffset now, int keySize = CertificateValidity.CaKeySize)
    {
        using var key = RSA.Create(keySize);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(CommonName);
        subject.AddOrganizationalUnitName(Guid.NewGuid().ToString());
        subject.AddOrganizationName(Organization);

        var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(X509BasicConstraintsExtension.CreateForCertificateAuthority());
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        var subjectKeyId = new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false);
        request.CertificateExtensions.Add(subjectKeyId);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(subjectKeyId));

        var notBefore = now - CertificateValidity.ClockSkewAllowance;
        return request.CreateSelfSigned(notBefore, now.AddYears(CertificateValidity.CaYears));
    }
}
