using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Auth;
using PveCluster.Core.Certificates;

namespace PveCluster.Lifecycle;

/// <summary>
/// The cluster CA, node certificates and ticket keys in /etc/pve. Existing CA and ticket keys are
/// never replaced: the whole cluster shares them. A node certificate is replaced when forced, or when
/// it no longer works (expired, not issued by this CA, key missing or not matching).
/// </summary>
public sealed class ClusterCertificates(ClusterPaths paths, int caKeySize, Action<string> progress)
{
    /// <summary>The CA with its private key, created when neither file exists.</summary>
    /// <exception cref="LifecycleException">Only one of certificate and key exists, or they are unreadable.</exception>
    public X509Certificate2 EnsureCa(DateTimeOffset now)
    {
        var hasCert = File.Exists(paths.CaCertificate);
        var hasKey = File.Exists(paths.CaKey);
        if (hasCert && hasKey)
        {
            return LoadCa();
        }

        if (hasCert || hasKey)
        {
            throw new LifecycleException(
                $"only one of '{paths.CaCertificate}' and '{paths.CaKey}' exists; restore the other one or remove both "
                + "(removing both creates a new CA: every node certificate must then be renewed)");
        }

        progress($"creating cluster CA {paths.CaCertificate}");
        var ca = ClusterCertificateAuthority.Create(now, caKeySize);
        var pem = CertificatePem.Export(ca);
        AtomicFile.Write(paths.CaKey, pem.PrivateKey, AtomicFile.Private);
        AtomicFile.Write(paths.CaCertificate, pem.Certificate, AtomicFile.Public);
        return ca;
    }

    /// <exception cref="LifecycleException">The CA files are missing or unreadable.</exception>
    public X509Certificate2 LoadCa()
    {
        try
        {
            return new CertificatePem(File.ReadAllText(paths.CaCertificate), File.ReadAllText(paths.CaKey)).Import();
        }
        catch (Exception ex) when (ex is CertificateFormatException or IOException)
        {
            throw new LifecycleException($"cannot use the cluster CA '{paths.CaCertificate}' with key '{paths.CaKey}': {ex.Message}", ex);
        }
    }

    /// <summary>Issues nodes/&lt;node&gt;/pve-ssl.{pem,key} when missing, forced or unusable; returns what was done.</summary>
    public string EnsureNodeCertificate(X509Certificate2 ca, string node, IReadOnlyList<IPAddress> addresses, DateTimeOffset now, bool force)
    {
        ArgumentNullException.ThrowIfNull(ca);
        var reason = force ? "forced" : ProblemWith(ca, node, now);
        if (reason is null)
        {
            return $"kept node certificate {paths.NodeCertificate(node)} (valid, issued by the cluster CA)";
        }

        using var key = RSA.Create(CertificateValidity.NodeKeySize);
        return WriteNodeCertificate(ca, node, addresses, now, key, reason);
    }

    /// <summary>Replaces the node certificate with one for <paramref name="key"/> (made in advance by the caller).</summary>
    public string ReplaceNodeCertificate(X509Certificate2 ca, string node, IReadOnlyList<IPAddress> addresses, DateTimeOffset now, RSA key)
    {
        ArgumentNullException.ThrowIfNull(ca);
        return WriteNodeCertificate(ca, node, addresses, now, key, "forced");
    }

    private string WriteNodeCertificate(X509Certificate2 ca, string node, IReadOnlyList<IPAddress> addresses, DateTimeOffset now, RSA key, string reason)
    {
        using var certificate = NodeCertificateIssuer.Issue(ca, new NodeCertificateRequest(node, addresses), now, key);
        var pem = CertificatePem.Export(certificate);
        AtomicFile.Write(paths.NodeKey(node), pem.PrivateKey, AtomicFile.Private);
        AtomicFile.Write(paths.NodeCertificate(node), pem.Certificate, AtomicFile.Public);
        return $"generated node certificate {paths.NodeCertificate(node)} ({reason})";
    }

    /// <summary>Creates the ticket signing key pair and the CSRF secret when missing.</summary>
    public void EnsureTicketKeys()
    {
        if (!File.Exists(paths.TicketPrivateKey) || !File.Exists(paths.TicketPublicKey))
        {
            progress($"creating ticket signing key {paths.TicketPrivateKey}");
            var (privatePem, publicPem) = AuthKeyMaterial.GenerateAuthKey();
            AtomicFile.Write(paths.TicketPrivateKey, privatePem, AtomicFile.Private);
            AtomicFile.Write(paths.TicketPublicKey, publicPem, AtomicFile.Public);
        }

        if (!File.Exists(paths.CsrfSecret))
        {
            progress($"creating CSRF secret {paths.CsrfSecret}");
            AtomicFile.Write(paths.CsrfSecret, AuthKeyMaterial.GenerateCsrfSecret(), AtomicFile.Private);
        }
    }

    /// <summary>Why the current node certificate must be replaced, or null when it is fine.</summary>
    internal string? ProblemWith(X509Certificate2 ca, string node, DateTimeOffset now)
    {
        var certPath = paths.NodeCertificate(node);
        var keyPath = paths.NodeKey(node);
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return "missing";
        }

        X509Certificate2 certificate;
        try
        {
            certificate = new CertificatePem(File.ReadAllText(certPath), File.ReadAllText(keyPath)).Import();
        }
        catch (CertificateFormatException ex)
        {
            return $"unusable: {ex.Message}";
        }

        using (certificate)
        {
            if (certificate.NotAfter.ToUniversalTime() <= now.UtcDateTime)
            {
                return string.Create(CultureInfo.InvariantCulture, $"expired {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
            }

            var chain = CertificateChainVerifier.Verify(ca, certificate, now);
            return chain.IsValid ? null : "not issued by the cluster CA: " + string.Join("; ", chain.Problems);
        }
    }
}
