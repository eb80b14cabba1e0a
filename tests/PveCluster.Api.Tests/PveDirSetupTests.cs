using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Certificates;

namespace PveCluster.Api.Tests;

public sealed class PveDirSetupTests : IDisposable
{
    private readonly PveDirectory _pveDir = new(Directory.CreateTempSubdirectory("pve-api-setup-").FullName);

    public void Dispose() => Directory.Delete(_pveDir.Root, recursive: true);

    [Fact]
    public void Creates_ca_node_certificate_and_keys_with_private_files_unreadable_for_others()
    {
        Setup("n1");

        using var ca = CertificatePem.ImportCertificate(File.ReadAllText(_pveDir.CaCertificate));
        using var node = new CertificatePem(File.ReadAllText(_pveDir.NodeCertificate("n1")), File.ReadAllText(_pveDir.NodeKey("n1"))).Import();
        Assert.True(CertificateChainVerifier.Verify(ca, node, DateTimeOffset.UtcNow).IsValid);
        foreach (var secret in new[] { _pveDir.CaKey, _pveDir.NodeKey("n1"), _pveDir.AuthPrivateKey, _pveDir.CsrfSecret })
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secret));
        }

        Assert.True(File.Exists(_pveDir.AuthPublicKey));
    }

    [Fact]
    public void Running_again_keeps_existing_keys_and_adds_a_second_node_under_the_same_ca()
    {
        Setup("n1");
        var before = Snapshot();

        Setup("n2");

        Assert.Equal(before, Snapshot());
        using var ca = CertificatePem.ImportCertificate(File.ReadAllText(_pveDir.CaCertificate));
        using var second = CertificatePem.ImportCertificate(File.ReadAllText(_pveDir.NodeCertificate("n2")));
        Assert.True(CertificateChainVerifier.Verify(ca, second, DateTimeOffset.UtcNow).IsValid);
    }

    [Fact]
    public void Ca_certificate_without_its_key_is_refused_instead_of_replaced()
    {
        Setup("n1");
        File.Delete(_pveDir.CaKey);

        var error = Assert.Throws<InvalidOperationException>(() => Setup("n2"));
        Assert.Contains("pve-root-ca.key", error.Message, StringComparison.Ordinal);
    }

    private void Setup(string node) =>
        new PveDirSetup(_pveDir, NullLogger.Instance).EnsureAll(node, [IPAddress.Loopback], DateTimeOffset.UtcNow, caKeySize: 2048);

    private Dictionary<string, string> Snapshot() =>
        new[] { _pveDir.CaCertificate, _pveDir.CaKey, _pveDir.NodeCertificate("n1"), _pveDir.NodeKey("n1"), _pveDir.AuthPrivateKey,
                _pveDir.AuthPublicKey, _pveDir.CsrfSecret }
            .ToDictionary(p => p, File.ReadAllText);
}
