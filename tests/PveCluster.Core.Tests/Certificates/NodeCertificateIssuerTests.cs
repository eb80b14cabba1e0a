using System.Net;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

[Collection(SharedCertificateAuthority.Name)]
public sealed class NodeCertificateIssuerTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Node_certificate_has_names_addresses_and_localhost_as_sans()
    {
        var san = fixture.Node.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["pve1", "pve1.example.test", "localhost"], san.EnumerateDnsNames());
        Assert.Equal([IPAddress.Parse("192.0.2.11"), IPAddress.Parse("2001:db8::11")], san.EnumerateIPAddresses());
    }

    [Fact]
    public void Node_certificate_is_for_server_auth_and_not_a_ca()
    {
        var eku = fixture.Node.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single();
        Assert.Contains(eku.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(), o => o.Value == "1.3.6.1.5.5.7.3.1");
        Assert.False(fixture.Node.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
    }

    [Fact]
    public void Node_certificate_is_issued_by_the_ca_for_two_years_with_a_2048_bit_key()
    {
        var node = fixture.Node;
        Assert.Equal(fixture.Ca.Subject, node.Issuer);
        Assert.Contains("CN=pve1.example.test", node.Subject, StringComparison.Ordinal);
        Assert.Equal(CertificateAuthorityFixture.Now.AddYears(2).UtcDateTime, node.NotAfter.ToUniversalTime());
        Assert.True(node.NotBefore.ToUniversalTime() < CertificateAuthorityFixture.Now.UtcDateTime);
        using var key = node.GetRSAPublicKey();
        Assert.Equal(2048, key!.KeySize);
        Assert.True(node.HasPrivateKey);
    }

    [Fact]
    public void Node_certificate_never_outlives_the_ca()
    {
        var nearCaExpiry = CertificateAuthorityFixture.Now.AddYears(9).AddMonths(6);
        using var node = NodeCertificateIssuer.Issue(fixture.Ca, new NodeCertificateRequest("pve2", []), nearCaExpiry);
        Assert.Equal(fixture.Ca.NotAfter, node.NotAfter);
    }

    [Fact]
    public void Issuing_with_a_ca_without_private_key_fails_clearly()
    {
        using var publicOnly = X509CertificateLoader.LoadCertificate(fixture.Ca.RawData);
        var error = Assert.Throws<ArgumentException>(() =>
            NodeCertificateIssuer.Issue(publicOnly, new NodeCertificateRequest("pve2", []), CertificateAuthorityFixture.Now));
        Assert.Contains("no RSA private key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Issuing_with_a_leaf_certificate_as_ca_fails()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NodeCertificateIssuer.Issue(fixture.Node, new NodeCertificateRequest("pve2", []), CertificateAuthorityFixture.Now));
        Assert.Contains("not a CA", error.Message, StringComparison.Ordinal);
    }
}
