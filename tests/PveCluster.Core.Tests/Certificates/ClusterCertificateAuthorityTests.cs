using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

[Collection(SharedCertificateAuthority.Name)]
public sealed class ClusterCertificateAuthorityTests(CertificateAuthorityFixture fixture)
{
    [Fact]
    public void Ca_is_self_signed_with_proxmox_style_subject_and_unique_ou()
    {
        var ca = fixture.Ca;
        Assert.Equal(ca.Subject, ca.Issuer);
        Assert.Contains("CN=Proxmox Virtual Environment", ca.Subject, StringComparison.Ordinal);
        Assert.Contains("O=PVE Cluster Manager CA", ca.Subject, StringComparison.Ordinal);
        var ou = ca.SubjectName.EnumerateRelativeDistinguishedNames()
            .Single(n => n.GetSingleElementType().Value == "2.5.4.11").GetSingleElementValue();
        Assert.True(Guid.TryParse(ou, out _), $"OU '{ou}' should be a unique id");
    }

    [Fact]
    public void Two_cas_have_different_subjects()
    {
        using var other = ClusterCertificateAuthority.Create(CertificateAuthorityFixture.Now, keySize: 2048);
        Assert.NotEqual(fixture.Ca.Subject, other.Subject);
    }

    [Fact]
    public void Ca_uses_4096_bit_rsa_and_is_valid_for_ten_years()
    {
        var ca = fixture.Ca;
        using var key = ca.GetRSAPublicKey();
        Assert.Equal(4096, key!.KeySize);
        Assert.True(ca.HasPrivateKey);
        Assert.Equal(CertificateAuthorityFixture.Now.AddYears(10).UtcDateTime, ca.NotAfter.ToUniversalTime());
        Assert.True(ca.NotBefore.ToUniversalTime() <= CertificateAuthorityFixture.Now.UtcDateTime);
    }

    [Fact]
    public void Ca_is_marked_as_certificate_authority()
    {
        var constraints = fixture.Ca.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(constraints.CertificateAuthority);
        var usage = fixture.Ca.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.KeyUsages.HasFlag(X509KeyUsageFlags.KeyCertSign));
    }
}
