namespace PveCluster.Core.Tests.Certificates;

/// <summary>Shares one CA between the certificate test classes; a 4096-bit key takes seconds on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class SharedCertificateAuthority : ICollectionFixture<CertificateAuthorityFixture>
{
    public const string Name = "cluster CA";
}
