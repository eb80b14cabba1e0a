using PveCluster.Core.Certificates;
using PveCluster.Core.CorosyncConf;
using PveCluster.Lifecycle.Services;
using PveCluster.Lifecycle.Tests;

namespace PveCluster.Cli.Tests.Lifecycle;

public sealed class CreateCommandTests : IDisposable
{
    private readonly TestNode _node = new();

    public void Dispose() => _node.Dispose();

    [Fact]
    public void Create_writes_key_configs_certificates_and_ssh_files_then_restarts_services()
    {
        var exit = _node.Run("create", "prod", "--link0", "192.0.2.11", "--link1", "10.9.0.11,priority=20");

        Assert.True(exit == 0, _node.Out.ToString() + _node.Error);
        var paths = _node.Paths;
        var key = File.ReadAllBytes(paths.AuthKey);
        Assert.Equal(128, key.Length);
        Assert.Equal(UnixFileMode.UserRead, File.GetUnixFileMode(paths.AuthKey));

        var conf = CorosyncConfig.Parse(File.ReadAllText(paths.ClusterConf));
        Assert.Equal("prod", conf.Totem!.ClusterName);
        var node = Assert.Single(conf.Nodes);
        Assert.Equal("pve1", node.Name);
        Assert.Equal("192.0.2.11", node.LinkAddresses[0]);
        Assert.Equal("10.9.0.11", node.LinkAddresses[1]);
        Assert.Equal(File.ReadAllText(paths.ClusterConf), File.ReadAllText(paths.LocalCorosyncConf));

        using var ca = CertificatePem.ImportCertificate(File.ReadAllText(paths.CaCertificate));
        using var cert = CertificatePem.ImportCertificate(File.ReadAllText(paths.NodeCertificate("pve1")));
        Assert.True(CertificateChainVerifier.Verify(ca, cert, DateTimeOffset.UtcNow).IsValid);
        Assert.True(File.Exists(paths.TicketPrivateKey) && File.Exists(paths.TicketPublicKey) && File.Exists(paths.CsrfSecret));
        Assert.True(Directory.Exists(Path.Combine(paths.NodeDirectory("pve1"), "qemu-server")));

        Assert.Contains(TestNode.RootKey, File.ReadAllText(paths.ClusterAuthorizedKeys), StringComparison.Ordinal);
        Assert.Equal(paths.ClusterAuthorizedKeys, new FileInfo(paths.RootAuthorizedKeys).LinkTarget);
        var knownHosts = File.ReadAllText(paths.ClusterKnownHosts);
        Assert.Contains("pve1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPSLcDMfsuJZA5tksDsBVkb95M9hveje3ovxXVGKz8/E", knownHosts, StringComparison.Ordinal);
        Assert.Contains("192.0.2.11 ssh-ed25519", knownHosts, StringComparison.Ordinal);

        Assert.Equal(["restart corosync", "restart pve-cluster"], _node.Services.Calls);
        var output = _node.Out.ToString();
        Assert.Contains("waiting for quorum...OK", output, StringComparison.Ordinal);
        Assert.Contains("Cluster 'prod' created", output, StringComparison.Ordinal);
        Assert.Contains("pvecm add 192.0.2.11", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_links_link0_is_the_address_the_node_name_resolves_to()
    {
        Assert.Equal(0, _node.Run("create", "prod"));

        var conf = CorosyncConfig.Parse(File.ReadAllText(_node.Paths.ClusterConf));
        Assert.Equal("192.0.2.11", Assert.Single(conf.Nodes).LinkAddresses[0]);
    }

    [Fact]
    public void A_node_with_an_old_corosync_conf_is_refused_and_nothing_changes()
    {
        File.WriteAllText(_node.Paths.LocalCorosyncConf, "totem {\n}\n");
        var before = _node.Snapshot();

        var exit = _node.Run("create", "prod");

        Assert.Equal(1, exit);
        Assert.Equal(before, _node.Snapshot());
        Assert.Empty(_node.Services.Calls);
        Assert.Contains("Refused, nothing will be changed", _node.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("cluster create refused", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_address_not_on_this_host_is_refused_and_nothing_changes()
    {
        var before = _node.Snapshot();

        Assert.Equal(1, _node.Run("create", "prod", "--link0", "203.0.113.99"));

        Assert.Equal(before, _node.Snapshot());
        Assert.Contains("203.0.113.99", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Running_corosync_refuses_create()
    {
        _node.Services.Active.Add(ClusterService.Corosync);
        var before = _node.Snapshot();

        Assert.Equal(1, _node.Run("create", "prod"));

        Assert.Equal(before, _node.Snapshot());
        Assert.Contains("corosync is already running", _node.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_link_is_a_usage_error()
    {
        Assert.Equal(2, _node.Run("create", "prod", "--link0", "192.0.2.11,priority=999"));
        Assert.False(File.Exists(_node.Paths.ClusterConf));
    }

    [Fact]
    public void Existing_ca_is_kept_and_a_missing_root_key_is_generated()
    {
        using (var ca = ClusterCertificateAuthority.Create(DateTimeOffset.UtcNow, 2048))
        {
            var pem = CertificatePem.Export(ca);
            Directory.CreateDirectory(Path.GetDirectoryName(_node.Paths.CaKey)!);
            File.WriteAllText(_node.Paths.CaKey, pem.PrivateKey);
            File.WriteAllText(_node.Paths.CaCertificate, pem.Certificate);
        }

        var caBefore = File.ReadAllText(_node.Paths.CaCertificate);
        File.Delete(Path.Combine(_node.Paths.SshDir, "id_ed25519.pub"));

        Assert.Equal(0, _node.Run("create", "prod"));

        Assert.Equal(caBefore, File.ReadAllText(_node.Paths.CaCertificate));
        Assert.Contains(_node.Processes.Calls, c => c.StartsWith("ssh-keygen", StringComparison.Ordinal));
        Assert.Contains(FakeProcessRunner.GeneratedRootKey, File.ReadAllText(_node.Paths.ClusterAuthorizedKeys), StringComparison.Ordinal);
    }

    [Fact]
    public void No_quorum_after_the_restart_fails_with_a_clear_message()
    {
        _node.Corosync = FakeCluster.Members(false, 1);

        Assert.Equal(1, _node.Run("create", "prod"));

        Assert.Contains("waiting for quorum...FAILED", _node.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("no quorum after", _node.Error.ToString(), StringComparison.Ordinal);
    }
}
