using System.Net;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Certificates;

namespace PveCluster.Core.Tests.Certificates;

/// <summary>One real 4096-bit CA and a node certificate it issued, shared by the certificate tests.</summary>
public sealed class CertificateAuthorityFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    public CertificateAuthorityFixture()
    {
        Ca = ClusterCertificateAuthority.Create(Now);
        Node = NodeCertificateIssuer.Issue(Ca,
            new NodeCertificateRequest("pve1", [IPAddress.Parse("192.0.2.11"), IPAddress.Parse("2001:db8::11")], "pve1.example.test"),
            Now);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Node { get; }

    public void Dispose()
    {
        Ca.Dispose();
        Node.Dispose();
    }
}
