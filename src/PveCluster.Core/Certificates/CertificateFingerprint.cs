using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace PveCluster.Core.Certificates;

/// <summary>
/// The fingerprint Proxmox shows and pins when joining: SHA-256 over the DER certificate, written as
/// 32 upper-case hex pairs joined by ':'.
/// </summary>
public static partial class CertificateFingerprint
{
    public static string Sha256(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Sha256(certificate.RawData);
    }

    public static string Sha256(ReadOnlySpan<byte> derCertificate)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(derCertificate, hash);
        return string.Join(':', Convert.ToHexString(hash).Chunk(2).Select(pair => new string(pair)));
    }

    /// <summary>True for 32 colon-separated hex pairs; lower case is accepted because people type fingerprints.</summary>
    public static bool IsWellFormed(string? fingerprint) => fingerprint is not null && FingerprintPattern().IsMatch(fingerprint);

    /// <summary>Compares two fingerprints ignoring hex case.</summary>
    public static bool AreEqual(string? a, string? b) =>
        IsWellFormed(a) && IsWellFormed(b) && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){31}$")]
    private static partial Regex FingerprintPattern();
}
