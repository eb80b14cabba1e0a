using PveCluster.Core.Certificates;

namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class UpdateCertsCommandTests : IDisposable
{
    private readonly TestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Updatecerts_creates_what_is_missing_and_keeps_a_valid_certificate()
    {
        Assert.Equal(0, _node.Run("updatecerts"));
        var certPath = _node.Paths.NodeCertificate("pve1");
        var first = File.ReadAllText(certPath);
        using (var ca = CertificatePem.ImportCertificate(File.ReadAllText(_node.Paths.CaCertificate)))
        using (var cert = CertificatePem.ImportCertificate(first))
        {
            Assert.True(CertificateChainVerifier.Verify(ca, cert, DateTimeOffset.UtcNow).IsValid);
        }

        Assert.Equal(0, _node.Run("updatecerts"));

        Assert.Equal(first, File.ReadAllText(certPath));
        Assert.Contains("kept node certificate", _node.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("pve1 ssh-ed25519", File.ReadAllText(_node.Paths.ClusterKnownHosts), StringComparison.Ordinal);
        Assert.Contains(TestNode.RootKey, File.ReadAllText(_node.Paths.ClusterAuthorizedKeys), StringComparison.Ordinal);
    }

    [Fact]
    public void Force_issues_a_new_certificate()
    {
        Assert.Equal(0, _node.Run("updatecerts"));
        var first = File.ReadAllText(_node.Paths.NodeCertificate("pve1"));

        Assert.Equal(0, _node.Run("updatecerts", "--force"));

        Assert.NotEqual(first, File.ReadAllText(_node.Paths.NodeCertificate("pve1")));
        Assert.Contains("(forced)", _node.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_from_another_ca_is_replaced()
    {
        Assert.Equal(0, _node.Run("updatecerts"));
        using (var otherCa = ClusterCertificateAuthority.Create(DateTimeOffset.UtcNow, 2048))
        using (var foreign = NodeCertificateIssuer.Issue(otherCa, new NodeCertificateRequest("pve1", []), DateTimeOffset.UtcNow))
        {
            var pem = CertificatePem.Export(foreign);
            File.WriteAllText(_node.Paths.NodeCertificate("pve1"), pem.Certificate);
            File.WriteAllText(_node.Paths.NodeKey("pve1"), pem.PrivateKey);
        }

        Assert.Equal(0, _node.Run("updatecerts"));

        Assert.Contains("not issued by the cluster CA", _node.Out.ToString(), StringComparison.Ordinal);
        using var ca = CertificatePem.ImportCertificate(File.ReadAllText(_node.Paths.CaCertificate));
        using var cert = CertificatePem.ImportCertificate(File.ReadAllText(_node.Paths.NodeCertificate("pve1")));
        Assert.True(CertificateChainVerifier.Verify(ca, cert, DateTimeOffset.UtcNow).IsValid);
    }

    [Fact]
    public void Merging_twice_does_not_grow_authorized_keys()
    {
        Assert.Equal(0, _node.Run("updatecerts"));
        var once = File.ReadAllText(_node.Paths.ClusterAuthorizedKeys);

        Assert.Equal(0, _node.Run("updatecerts"));

        Assert.Equal(once, File.ReadAllText(_node.Paths.ClusterAuthorizedKeys));
    }
}
