using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Certificates;
using PveCluster.Core.JoinInfo;

namespace PveCluster.Api.Tests;

public sealed class NodeCertificateLoaderTests : IDisposable
{
    private readonly PveDirectory _pveDir = new(Directory.CreateTempSubdirectory("pve-api-certs-").FullName);

    public NodeCertificateLoaderTests() =>
        new PveDirSetup(_pveDir, NullLogger.Instance).EnsureAll("n1", [IPAddress.Loopback], DateTimeOffset.UtcNow, caKeySize: 2048);

    public void Dispose() => Directory.Delete(_pveDir.Root, recursive: true);

    [Fact]
    public void Serves_pve_ssl_and_fingerprints_it_when_there_is_no_custom_certificate()
    {
        using var served = NodeCertificateLoader.LoadServerCertificate(_pveDir, "n1");
        Assert.True(served.HasPrivateKey);
        Assert.Equal(File.ReadAllText(_pveDir.NodeCertificate("n1")).Trim(), served.ExportCertificatePem().Trim());
        Assert.Equal(CertificateFingerprint.OfCertificate(served.RawData).Value, NodeCertificateLoader.TryFingerprint(_pveDir, "n1"));
    }

    [Fact]
    public void Custom_certificate_is_served_and_fingerprinted_instead()
    {
        using var ca = new CertificatePem(File.ReadAllText(_pveDir.CaCertificate), File.ReadAllText(_pveDir.CaKey)).Import();
        using var custom = NodeCertificateIssuer.Issue(ca, new NodeCertificateRequest("n1", [], "n1.example.test"), DateTimeOffset.UtcNow);
        var pem = CertificatePem.Export(custom);
        File.WriteAllText(_pveDir.NodeCustomCertificate("n1"), pem.Certificate);
        File.WriteAllText(_pveDir.NodeCustomKey("n1"), pem.PrivateKey);

        using var served = NodeCertificateLoader.LoadServerCertificate(_pveDir, "n1");

        Assert.Equal(custom.RawData, served.RawData);
        Assert.Equal(CertificateFingerprint.OfCertificate(custom.RawData).Value, NodeCertificateLoader.TryFingerprint(_pveDir, "n1"));
    }

    [Fact]
    public void Key_that_does_not_match_the_certificate_stops_the_start()
    {
        File.WriteAllText(_pveDir.NodeKey("n1"), File.ReadAllText(_pveDir.AuthPrivateKey));
        var error = Assert.Throws<StartupException>(() => NodeCertificateLoader.LoadServerCertificate(_pveDir, "n1"));
        Assert.Contains("does not belong", error.Message, StringComparison.Ordinal);
    }
}
