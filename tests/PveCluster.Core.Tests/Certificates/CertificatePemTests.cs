using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

[Collection(SharedCertificateAuthority.Name)]
public sealed class CertificatePemTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Export_then_import_keeps_certificate_and_key()
    {
        var pem = CertificatePem.Export(fixture.Node);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", pem.Certificate, StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", pem.PrivateKey, StringComparison.Ordinal);

        using var imported = pem.Import();

        Assert.Equal(fixture.Node.RawData, imported.RawData);
        using var key = imported.GetRSAPrivateKey()!;
        var signature = key.SignData(new byte[] { 1, 2, 3 }, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var publicKey = fixture.Node.GetRSAPublicKey()!;
        Assert.True(publicKey.VerifyData(new byte[] { 1, 2, 3 }, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    [Fact]
    public void Pkcs1_keys_written_by_older_openssl_are_read()
    {
        using var original = fixture.Node.GetRSAPrivateKey()!;
        var pem = new CertificatePem(fixture.Node.ExportCertificatePem(), original.ExportRSAPrivateKeyPem());
        using var imported = pem.Import();
        Assert.True(imported.HasPrivateKey);
    }

    [Fact]
    public void Key_of_another_certificate_is_rejected()
    {
        var mismatched = new CertificatePem(CertificatePem.Export(fixture.Node).Certificate, CertificatePem.Export(fixture.Ca).PrivateKey);
        var error = Assert.Throws<CertificateFormatException>(() => mismatched.Import());
        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_rejected_with_a_format_error()
    {
        Assert.Throws<CertificateFormatException>(() => CertificatePem.ImportCertificate("not a certificate"));
        var badKey = new CertificatePem(CertificatePem.Export(fixture.Node).Certificate, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        Assert.Throws<CertificateFormatException>(() => badKey.Import());
    }
}
