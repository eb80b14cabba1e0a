using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Core.Tests.Certificates;

/// <summary>The join fingerprint computed over certificates this CA really issues.</summary>
[Collection(SharedCertificateAuthority.Name)]
public sealed class CertificateFingerprintTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Fingerprint_is_32_upper_case_hex_pairs_of_the_der_sha256()
    {
        var fingerprint = CertificateFingerprint.OfCertificate(fixture.Node.RawData).Value;

        Assert.Matches(new Regex("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$"), fingerprint);
        Assert.Equal(SHA256.HashData(fixture.Node.RawData), Convert.FromHexString(fingerprint.Replace(":", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Ca_and_node_certificate_have_different_fingerprints()
    {
        Assert.NotEqual(CertificateFingerprint.OfCertificate(fixture.Ca.RawData), CertificateFingerprint.OfCertificate(fixture.Node.RawData));
    }

    [Fact]
    public void Typed_in_lower_case_fingerprint_matches_the_certificate()
    {
        var fingerprint = CertificateFingerprint.OfCertificate(fixture.Node.RawData);
        Assert.Equal(fingerprint, CertificateFingerprint.Parse(fingerprint.Value.ToLowerInvariant()));
    }
}
