using System.Net;
using System.Security.Cryptography.X509Certificates;
using PveCluster.Core.Certificates;

namespace PveCluster.Api.Tests;

/// <summary>The server presents the node certificate from the pve-dir, and it chains to the cluster CA.</summary>
public sealed class TlsTests(ApiServerFixture server) : IClassFixture<ApiServerFixture>
{
    [Fact]
    public async Task Client_trusting_only_another_ca_cannot_connect()
    {
        using var otherCa = ClusterCertificateAuthority.Create(DateTimeOffset.UtcNow, keySize: 2048);
        using var client = ClientTrusting(otherCa, server.BaseAddress);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("cluster/status"));
    }

    [Fact]
    public async Task Certificate_is_valid_for_localhost_as_well_as_the_ip()
    {
        var byName = new UriBuilder(server.BaseAddress) { Host = "localhost" }.Uri;
        using var client = ClientTrusting(server.Ca, byName);
        using var response = await client.GetAsync("cluster/status");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode); // TLS worked; the missing ticket is the next hurdle
    }

    [Fact]
    public async Task Presented_certificate_is_the_node_certificate()
    {
        X509Certificate2? presented = null;
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            // The cluster's own check instead of the system trust store.
            return presented is not null && CertificateChainVerifier.Verify(server.Ca, presented, DateTimeOffset.UtcNow).IsValid;
        };
        using (var client = new HttpClient(handler) { BaseAddress = server.BaseAddress })
        {
            using var response = await client.GetAsync("cluster/status");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var expected = CertificatePem.ImportCertificate(await File.ReadAllTextAsync(server.PveDir.NodeCertificate(ApiServerFixture.NodeName)));
        Assert.NotNull(presented);
        Assert.Equal(expected.RawData, presented.RawData);
        presented.Dispose();
    }

    private static HttpClient ClientTrusting(X509Certificate2 ca, Uri baseAddress)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { ca },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress };
    }
}
