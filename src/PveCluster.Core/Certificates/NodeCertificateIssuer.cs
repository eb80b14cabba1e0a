using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PveCluster.Core.Certificates;

/// <summary>Issues node HTTPS certificates signed by the cluster CA.</summary>
public static class NodeCertificateIssuer
{
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>A new node certificate carrying a new RSA private key.</summary>
    /// <exception cref="ArgumentException">The CA has no private key, is not a CA, or the node name is empty.</exception>
    public static X509Certificate2 Issue(
        X509Certificate2 ca,
        NodeCertificateRequest node,
        DateTimeOffset now,
        int keySize = CertificateValidity.NodeKeySize)
    {
        using var key = RSA.Create(keySize);
        return Issue(ca, node, now, key);
    }

    /// <summary>
    /// A new node certificate for <paramref name="key"/>, generated beforehand (a join makes it while the services
    /// restart); the certificate carries a copy of the key, the caller keeps and disposes its own.
    /// </summary>
    /// <exception cref="ArgumentException">The CA has no private key, is not a CA, or the node name is empty.</exception>
    public static X509Certificate2 Issue(X509Certificate2 ca, NodeCertificateRequest node, DateTimeOffset now, RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(ca);
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(node.NodeName))
        {
            throw new ArgumentException("A node certificate needs a node name.", nameof(node));
        }

        using var caKey = ca.GetRSAPrivateKey()
            ?? throw new ArgumentException("The CA certificate has no RSA private key; cannot sign a node certificate.", nameof(ca));
        if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
        {
            throw new ArgumentException($"'{ca.Subject}' is not a CA certificate.", nameof(ca));
        }

        var request = new CertificateRequest(BuildSubject(node), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.NonRepudiation,
            critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new(ServerAuthOid)], critical: false));
        request.CertificateExtensions.Add(BuildSubjectAlternativeNames(node));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));

        var notBefore = Max(now - CertificateValidity.ClockSkewAllowance, ca.NotBefore);
        // A certificate may not outlive its issuer: near the end of the CA's life the node certificate gets shorter.
        var notAfter = Min(now.AddYears(CertificateValidity.NodeYears), ca.NotAfter);
        if (notAfter <= notBefore)
        {
            throw new ArgumentException($"The CA expired on {ca.NotAfter:u}; create a new CA first.", nameof(ca));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // a positive DER integer

        using var signed = request.Create(ca.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1),
            notBefore, notAfter, serial);
        return signed.CopyWithPrivateKey(key);
    }

    private static X500DistinguishedName BuildSubject(NodeCertificateRequest node)
    {
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(node.CommonName);
        subject.AddOrganizationalUnitName(NodeCertificateRequest.OrganizationalUnit);
        subject.AddOrganizationName(NodeCertificateRequest.Organization);
        return subject.Build();
    }

    private static X509Extension BuildSubjectAlternativeNames(NodeCertificateRequest node)
    {
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in node.DnsNames)
        {
            san.AddDnsName(name);
        }

        foreach (var address in node.Addresses.Distinct())
        {
            san.AddIpAddress(address);
        }

        return san.Build();
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTime b) => a > b ? a : new DateTimeOffset(b.ToUniversalTime());

    private static DateTimeOffset Min(DateTimeOffset a, DateTime b) => a < b ? a : new DateTimeOffset(b.ToUniversalTime());
}
