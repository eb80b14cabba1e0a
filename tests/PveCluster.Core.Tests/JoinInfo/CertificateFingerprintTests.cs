using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Core.Tests.JoinInfo;

public class CertificateFingerprintTests
{
    [Fact]
    public void Raw_digest_is_formatted_as_upper_case_colon_pairs()
    {
        var digest = Enumerable.Range(0, 32).Select(i => (byte)(i * 8 + 10)).ToArray();
        var fingerprint = CertificateFingerprint.FromSha256(digest);
        Assert.StartsWith("0A:12:1A:22:", fingerprint.Value, StringComparison.Ordinal);
        Assert.Equal(95, fingerprint.Value.Length);
        Assert.Equal(digest, fingerprint.ToBytes());
    }

    [Fact]
    public void Certificate_fingerprint_is_the_sha256_of_the_der_bytes()
    {
        var der = "not really a certificate"u8.ToArray();
        Assert.Equal(CertificateFingerprint.FromSha256(SHA256.HashData(der)), CertificateFingerprint.OfCertificate(der));
    }

    [Fact]
    public void Lower_case_input_is_normalised()
    {
        var text = string.Join(':', Enumerable.Repeat("ab", 32));
        Assert.Equal(text.ToUpperInvariant(), CertificateFingerprint.Parse("  " + text + "\n").Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AB:CD")]
    [InlineData("ABCD")]
    [InlineData("GG:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00")]
    [InlineData("A:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:000")]
    public void Malformed_input_is_refused_with_the_expected_format(string text)
    {
        Assert.False(CertificateFingerprint.TryParse(text, out _));
        var ex = Assert.Throws<FormatException>(() => CertificateFingerprint.Parse(text));
        Assert.Contains("32 hex byte pairs separated by ':'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_digest_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CertificateFingerprint.FromSha256(new byte[20]));
    }

    [Property]
    public Property Any_digest_round_trips_through_text()
    {
        return Prop.ForAll(
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 32).ToArbitrary(),
            bytes => CertificateFingerprint.Parse(CertificateFingerprint.FromSha256(bytes).Value.ToLowerInvariant()).ToBytes().SequenceEqual(bytes));
    }
}
