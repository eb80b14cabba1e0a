using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Api.Daemon;
using PveCluster.Api.Hosting;
using PveCluster.Api.Join;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;
using PveCluster.Core.Certificates;
using PveCluster.Core.CorosyncConf;
using PveCluster.Core.JoinInfo;
using PveCluster.Lifecycle.Join;

namespace PveCluster.Lifecycle.Tests;

/// <summary>The join client against the real API server (pveproxy on HTTPS 127.0.0.1 and pvedaemon, its own CA, a three-node corosync.conf).</summary>
public sealed class HttpsPeerTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("pvecm-peer-").FullName;
    private readonly byte[] _authKey = [.. Enumerable.Range(0, 128).Select(i => (byte)(i * 3))];
    private WebApplication? _app;
    private WebApplication? _daemon;
    private int _port;

    private PveDirectory PveDir => new(Path.Combine(_root, "pve"));

    public async Task InitializeAsync()
    {
        new PveDirSetup(PveDir, NullLogger.Instance).EnsureAll("pve1", [IPAddress.Loopback], DateTimeOffset.UtcNow, caKeySize: 2048);
        await File.WriteAllTextAsync(PveDir.CorosyncConf, ClusterConfs.ThreeNodes);
        var corosync = Path.Combine(_root, "corosync");
        Directory.CreateDirectory(corosync);
        await File.WriteAllBytesAsync(Path.Combine(corosync, "authkey"), _authKey);
        var paths = new ClusterPaths(PveDir.Root, corosync, Path.Combine(_root, "lib"), Path.Combine(_root, "ssh"), Path.Combine(_root, "ssh"));
        var lifecycle = new ClusterLifecycle(new LifecycleContext(
            paths, new FakeHost("pve1", "127.0.0.1"), new FakeServiceControl(), new FakeProcessRunner(),
            () => new FakeCluster(FakeCluster.ThreeNodesQuorate()), new FakePeer(), new FakeUserInput(interactive: false), TimeProvider.System));
        var options = new ApiOptions
        {
            Listen = IPAddress.Loopback,
            Port = 0,
            PveDir = PveDir.Root,
            Node = "pve1",
            TaskDir = Path.Combine(_root, "tasks"),
            DaemonSocket = Path.Combine(_root, "run", "pvedaemon.sock"),
        };
        _daemon = DaemonServer.Create(options, SystemAccount.Find(SystemAccount.ProxyUserName), logging => logging.ClearProviders(),
            configureServices: services => services.AddSingleton(lifecycle));
        await _daemon.StartAsync();
        _app = ProxyServer.Create(options, logging => logging.ClearProviders());
        await _app.StartAsync();
        _port = ApiServer.BoundPort(_app);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_daemon is not null)
        {
            await _daemon.StopAsync();
            await _daemon.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private CertificateFingerprint ServerFingerprint()
    {
        using var certificate = CertificatePem.ImportCertificate(File.ReadAllText(PveDir.NodeCertificate("pve1")));
        return CertificateFingerprint.OfCertificate(certificate.RawData);
    }

    /// <summary>The API renews a valid ticket given as password, which stands in for root's PAM password here.</summary>
    private string TicketAsPassword()
    {
        using var key = AuthKeyMaterial.ImportKey(File.ReadAllText(PveDir.AuthPrivateKey), "authkey.key");
        return AuthTicket.Create(key, UserId.Parse("root@pam"), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task The_fingerprint_read_before_trusting_is_the_server_certificate()
    {
        var fingerprint = await new HttpsPeerConnector().ReadFingerprintAsync("127.0.0.1", _port, CancellationToken.None);
        Assert.Equal(ServerFingerprint(), fingerprint);
    }

    [Fact]
    public async Task A_pinned_client_logs_in_reads_the_join_info_and_adds_a_node()
    {
        using var peer = new HttpsPeerConnector().Connect("127.0.0.1", _port, ServerFingerprint());
        await peer.LoginAsync("root@pam", TicketAsPassword(), CancellationToken.None);

        Assert.Equal(1, await peer.GetJoinApiVersionAsync(CancellationToken.None));
        var target = JoinTargetReader.Read(await peer.GetJoinInfoAsync(CancellationToken.None), "127.0.0.1");
        Assert.Equal("prod", target.ClusterName);
        Assert.Equal([0], target.LinkNumbers);
        Assert.Equal(["pve1", "pve2", "pve3"], target.NodeNames);

        var reply = await peer.AddNodeAsync("pve4", new Dictionary<string, string> { ["link0"] = "192.0.2.14", ["apiversion"] = "1" }, CancellationToken.None);

        Assert.Equal(_authKey, reply.AuthKey);
        Assert.Equal("192.0.2.14", CorosyncConfig.Parse(reply.CorosyncConf).FindNode("pve4")!.LinkAddresses[0]);
        Assert.Equal(reply.CorosyncConf, await File.ReadAllTextAsync(PveDir.CorosyncConf));
    }

    [Fact]
    public async Task The_member_refusal_reaches_the_client_with_its_errors()
    {
        using var peer = new HttpsPeerConnector().Connect("127.0.0.1", _port, ServerFingerprint());
        await peer.LoginAsync("root@pam", TicketAsPassword(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<PeerApiException>(() =>
            peer.AddNodeAsync("pve4", new Dictionary<string, string> { ["link0"] = "192.0.2.12" }, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("already used by node 'pve2'", error.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_password_is_an_authentication_failure()
    {
        using var peer = new HttpsPeerConnector().Connect("127.0.0.1", _port, ServerFingerprint());
        await Assert.ThrowsAsync<PeerAuthenticationException>(() => peer.LoginAsync("root@pam", "PVE:root@pam:00000000::forged", CancellationToken.None));
    }

    [Fact]
    public async Task A_different_certificate_than_the_pinned_one_is_never_talked_to()
    {
        var wrong = CertificateFingerprint.Parse(string.Join(':', Enumerable.Repeat("AB", 32)));
        using var peer = new HttpsPeerConnector().Connect("127.0.0.1", _port, wrong);

        var error = await Assert.ThrowsAsync<PeerApiException>(() => peer.LoginAsync("root@pam", TicketAsPassword(), CancellationToken.None));

        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task An_unreachable_peer_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<LifecycleException>(() => new HttpsPeerConnector().ReadFingerprintAsync("127.0.0.1", 1, CancellationToken.None));
        Assert.Contains("cannot reach the API of '127.0.0.1' on port 1", error.Message, StringComparison.Ordinal);
    }
}
