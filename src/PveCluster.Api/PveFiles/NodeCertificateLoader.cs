using System.Security.Cryptography.X509Certificates;
using PveCluster.Api.Hosting;
using PveCluster.Core.Certificates;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Api.PveFiles;

/// <summary>Reads the node's HTTPS certificate and fingerprints of other nodes' certificates.</summary>
public static class NodeCertificateLoader
{
    /// <summary>The certificate to serve: a custom <c>pveproxy-ssl.pem</c> with its key if present, else <c>pve-ssl.pem</c>.</summary>
    /// <exception cref="StartupException">The files are missing or unreadable.</exception>
    public static X509Certificate2 LoadServerCertificate(PveDirectory pveDir, string node)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        var custom = File.Exists(pveDir.NodeCustomCertificate(node)) && File.Exists(pveDir.NodeCustomKey(node));
        var certPath = custom ? pveDir.NodeCustomCertificate(node) : pveDir.NodeCertificate(node);
        var keyPath = custom ? pveDir.NodeCustomKey(node) : pveDir.NodeKey(node);
        foreach (var path in new[] { certPath, keyPath })
        {
            if (!File.Exists(path))
            {
                throw new StartupException(
                    $"node certificate file '{path}' does not exist; create the cluster CA and node certificate first " +
                    $"(pvedaemon setup-certs --pve-dir {pveDir.Root} --node {node})");
            }
        }

        try
        {
            return new CertificatePem(File.ReadAllText(certPath), File.ReadAllText(keyPath)).Import();
        }
        catch (CertificateFormatException e)
        {
            throw new StartupException($"cannot use node certificate '{certPath}' with key '{keyPath}': {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new StartupException($"cannot read node certificate '{certPath}': {e.Message}", e);
        }
    }

    /// <summary>The fingerprint clients see for <paramref name="node"/>: its custom certificate if it has one, else pve-ssl.pem.</summary>
    public static string? TryFingerprint(PveDirectory pveDir, string node)
    {
        ArgumentNullException.ThrowIfNull(pveDir);
        foreach (var path in new[] { pveDir.NodeCustomCertificate(node), pveDir.NodeCertificate(node) })
        {
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var certificate = CertificatePem.ImportCertificate(File.ReadAllText(path));
                return CertificateFingerprint.OfCertificate(certificate.RawData).Value;
            }
            catch (Exception e) when (e is CertificateFormatException or IOException)
            {
                return null;
            }
        }

        return null;
    }
}
