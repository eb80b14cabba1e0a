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

    [Fact]
    public void A_reader_holding_a_stale_temporary_file_open_never_sees_the_private_key()
    {
        // A temporary of a killed run, opened by someone while it was readable: the key must land in a new file.
        Directory.CreateDirectory(Path.GetDirectoryName(_pveDir.CaKey)!);
        var stale = _pveDir.CaKey + ".tmp." + Environment.ProcessId;
        File.WriteAllText(stale, "left over");
        File.SetUnixFileMode(stale, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using var reader = new FileStream(stale, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

        Setup("n1");

        var seen = new byte[256];
        var count = reader.Read(seen);
        Assert.Equal("left over", System.Text.Encoding.UTF8.GetString(seen, 0, count));
        Assert.Contains("PRIVATE KEY", File.ReadAllText(_pveDir.CaKey), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_pveDir.CaKey));
    }

    private void Setup(string node) =>
        new PveDirSetup(_pveDir, NullLogger.Instance).EnsureAll(node, [IPAddress.Loopback], DateTimeOffset.UtcNow, caKeySize: 2048);

    private Dictionary<string, string> Snapshot() =>
        new[] { _pveDir.CaCertificate, _pveDir.CaKey, _pveDir.NodeCertificate("n1"), _pveDir.NodeKey("n1"), _pveDir.AuthPrivateKey,
                _pveDir.AuthPublicKey, _pveDir.CsrfSecret }
            .ToDictionary(p => p, File.ReadAllText);
}
