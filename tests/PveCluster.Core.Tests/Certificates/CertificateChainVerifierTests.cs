using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

[Collection(SharedCertificateAuthority.Name)]
public sealed class CertificateChainVerifierTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Node_certificate_chains_to_its_ca()
    {
        var result = CertificateChainVerifier.Verify(fixture.Ca, fixture.Node, CertificateAuthorityFixture.Now.AddDays(1));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
    }

    [Fact]
    public void Certificate_from_another_ca_is_rejected()
    {
        using var otherCa = ClusterCertificateAuthority.Create(CertificateAuthorityFixture.Now, keySize: 2048);
        using var foreign = NodeCertificateIssuer.Issue(otherCa, new NodeCertificateRequest("pve1", []), CertificateAuthorityFixture.Now);

        var result = CertificateChainVerifier.Verify(fixture.Ca, foreign, CertificateAuthorityFixture.Now.AddDays(1));

        Assert.False(result.IsValid);
        Assert.NotEmpty(result.Problems);
    }

    [Fact]
    public void Expired_node_certificate_is_rejected()
    {
        var result = CertificateChainVerifier.Verify(fixture.Ca, fixture.Node, CertificateAuthorityFixture.Now.AddYears(2).AddDays(1));
        Assert.False(result.IsValid);
        Assert.Contains(result.Problems, p => p.StartsWith("NotTimeValid", StringComparison.Ordinal));
    }
}
