using System.Security.Cryptography;
using System.Text.RegularExpressions;
using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

[Collection(SharedCertificateAuthority.Name)]
public sealed class CertificateFingerprintTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Fingerprint_is_32_upper_case_hex_pairs_of_the_der_sha256()
    {
        var fingerprint = CertificateFingerprint.Sha256(fixture.Node);

        Assert.Matches(new Regex("^[0-9A-F]{2}(:[0-9A-F]{2}){31}$"), fingerprint);
        var expected = SHA256.HashData(fixture.Node.RawData);
        Assert.Equal(expected, Convert.FromHexString(fingerprint.Replace(":", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Different_certificates_have_different_fingerprints()
    {
        Assert.NotEqual(CertificateFingerprint.Sha256(fixture.Ca), CertificateFingerprint.Sha256(fixture.Node));
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("")]
    [InlineData("ABCD")]
    [InlineData("GG:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    [InlineData("00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    public void Malformed_fingerprints_are_rejected(string text)
    {
        Assert.False(CertificateFingerprint.IsWellFormed(text));
    }

    [Fact]
    public void Comparison_ignores_hex_case_but_not_content()
    {
        var fingerprint = CertificateFingerprint.Sha256(fixture.Node);
        Assert.True(CertificateFingerprint.IsWellFormed(fingerprint.ToLowerInvariant()));
        Assert.True(CertificateFingerprint.AreEqual(fingerprint, fingerprint.ToLowerInvariant()));
        Assert.False(CertificateFingerprint.AreEqual(fingerprint, CertificateFingerprint.Sha256(fixture.Ca)));
    }
}
