using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Auth;
using PveCluster.Core.Certificates;

namespace PveCluster.Api.PveFiles;

/// <summary>
/// Creates whatever of the CA, the node certificate, the ticket key pair and the CSRF secret is missing (like
/// <c>pvecm updatecerts</c>). Existing files are never replaced: they may already be shared by the whole cluster.
/// </summary>
public sealed class PveDirSetup(PveDirectory pveDir, ILogger logger)
{
    /// <param name="node">Node name for the certificate.</param>
    /// <param name="addresses">IP SANs; the node's current interface addresses when null.</param>
    /// <param name="now">Issue time.</param>
    /// <param name="caKeySize">CA key size; only tests should pass something smaller than the default.</param>
    public void EnsureAll(string node, IReadOnlyList<IPAddress>? addresses, DateTimeOffset now,
        int caKeySize = CertificateValidity.CaKeySize)
    {
        using var ca = EnsureCa(now, caKeySize);
        EnsureNodeCertificate(ca, node, addresses ?? LocalAddresses(), now);
        EnsureAuthKeys();
    }

    private X509Certificate2 EnsureCa(DateTimeOffset now, int keySize)
    {
        if (File.Exists(pveDir.CaCertificate) && File.Exists(pveDir.CaKey))
        {
            return new CertificatePem(File.ReadAllText(pveDir.CaCertificate), File.ReadAllText(pveDir.CaKey)).Import();
        }

        if (File.Exists(pveDir.CaCertificate) || File.Exists(pveDir.CaKey))
        {
            throw new InvalidOperationException(
                $"only one of '{pveDir.CaCertificate}' and '{pveDir.CaKey}' exists; restore the other or remove both");
        }

        logger.LogInformation("creating cluster CA {Path} ({Bits} bit RSA)", pveDir.CaCertificate, keySize);
        var ca = ClusterCertificateAuthority.Create(now, keySize);
        var pem = CertificatePem.Export(ca);
        WritePrivate(pveDir.CaKey, pem.PrivateKey);
        WritePublic(pveDir.CaCertificate, pem.Certificate);
        return ca;
    }

    private void EnsureNodeCertificate(X509Certificate2 ca, string node, IReadOnlyList<IPAddress> addresses, DateTimeOffset now)
    {
        if (File.Exists(pveDir.NodeCertificate(node)) && File.Exists(pveDir.NodeKey(node)))
        {
            return;
        }

        logger.LogInformation("creating node certificate {Path}", pveDir.NodeCertificate(node));
        using var certificate = NodeCertificateIssuer.Issue(ca, new NodeCertificateRequest(node, addresses), now);
        var pem = CertificatePem.Export(certificate);
        WritePrivate(pveDir.NodeKey(node), pem.PrivateKey);
        WritePublic(pveDir.NodeCertificate(node), pem.Certificate);
    }

    private void EnsureAuthKeys()
    {
        if (!File.Exists(pveDir.AuthPrivateKey) || !File.Exists(pveDir.AuthPublicKey))
        {
            logger.LogInformation("creating ticket signing key {Path}", pveDir.AuthPrivateKey);
            var (privatePem, publicPem) = AuthKeyMaterial.GenerateAuthKey();
            WritePrivate(pveDir.AuthPrivateKey, privatePem);
            WritePublic(pveDir.AuthPublicKey, publicPem);
        }

        if (!File.Exists(pveDir.CsrfSecret))
        {
            logger.LogInformation("creating CSRF secret {Path}", pveDir.CsrfSecret);
            WritePrivate(pveDir.CsrfSecret, AuthKeyMaterial.GenerateCsrfSecret());
        }
    }

    /// <summary>Non-loopback addresses of interfaces that are up (link-local IPv6 excluded: useless in a certificate).</summary>
    public static IReadOnlyList<IPAddress> LocalAddresses() =>
    [
        .. NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork || (a.AddressFamily == AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal))
            .Distinct(),
    ];

    private static void WritePrivate(string path, string content) => PveFileWriter.Write(path, content, PveFileWriter.Private);

    private static void WritePublic(string path, string content) => PveFileWriter.Write(path, content, PveFileWriter.Public);
}
