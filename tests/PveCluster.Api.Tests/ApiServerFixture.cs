using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Daemon;
using PveCluster.Api.Hosting;
using PveCluster.Api.PveFiles;
using PveCluster.Core.Auth;
using PveCluster.Core.Certificates;

namespace PveCluster.Api.Tests;

/// <summary>
/// A real API server, both halves: pvedaemon on a Unix socket in the temporary directory and pveproxy on HTTPS
/// 127.0.0.1 with a random port, a fresh CA and node certificate in a temporary pve-dir, and clients that trust
/// only that CA. Both run in the test process (as root, which the daemon's peer check lets in).
/// </summary>
public class ApiServerFixture : IAsyncLifetime
{
    public const string NodeName = "testnode";

    private WebApplication? _app;
    private WebApplication? _daemon;

    public string Root { get; } = Directory.CreateTempSubdirectory("pve-api-test-").FullName;

    public PveDirectory PveDir => new(Path.Combine(Root, "pve"));

    public string TaskDir => Path.Combine(Root, "tasks");

    /// <summary>Where the server looks for corosync-qdevice's control socket (absent unless a test listens there).</summary>
    public string QdeviceSocket => Path.Combine(Root, "qdevice.sock");

    /// <summary>pveproxy.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("server not started");

    /// <summary>pvedaemon.</summary>
    public WebApplication Daemon => _daemon ?? throw new InvalidOperationException("server not started");

    public string DaemonSocket => Path.Combine(Root, "run", "pvedaemon.sock");

    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    public X509Certificate2 Ca { get; private set; } = null!;

    protected virtual IReadOnlyList<UserId> AllowedUsers => [UserId.Parse("root@pam")];

    protected virtual ApiLimits Limits => new();

    protected virtual LoginPolicy Login => new();

    protected virtual TimeProvider Time => TimeProvider.System;

    protected virtual TimeSpan KeyAge => TimeSpan.FromHours(3);

    /// <summary>The published web GUI folder; none unless a test creates it.</summary>
    public string GuiDir => Path.Combine(Root, "gui");

    public virtual async Task InitializeAsync()
    {
        // 2048-bit CA: the 4096-bit default takes several seconds per key on a small machine and proves nothing more here.
        new PveDirSetup(PveDir, NullLogger.Instance).EnsureAll(NodeName, [IPAddress.Loopback], DateTimeOffset.UtcNow, caKeySize: 2048);
        // An established cluster key: made hours ago, so tickets "from other nodes" dated in the past fit it.
        File.SetLastWriteTimeUtc(PveDir.AuthPublicKey, DateTime.UtcNow - KeyAge);
        Ca = CertificatePem.ImportCertificate(await File.ReadAllTextAsync(PveDir.CaCertificate));
        var options = new ApiOptions
        {
            Listen = IPAddress.Loopback,
            Port = 0,
            PveDir = PveDir.Root,
            Node = NodeName,
            TaskDir = TaskDir,
            DaemonSocket = DaemonSocket,
            QdeviceSocket = QdeviceSocket,
            AllowedUsers = AllowedUsers,
            Limits = Limits,
            Login = Login,
            GuiDir = GuiDir,
        };
        _daemon = DaemonServer.Create(options, SystemAccount.Find(SystemAccount.ProxyUserName), logging => logging.ClearProviders(), Time, ConfigureServices);
        await _daemon.StartAsync();
        _app = ProxyServer.Create(options, logging => logging.ClearProviders(), Time, ConfigureServices);
        await _app.StartAsync();
        BaseAddress = new Uri($"https://127.0.0.1:{ApiServer.BoundPort(_app)}/api2/json/");
    }

    /// <summary>Substitutes services of pvedaemon and pveproxy after their defaults.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
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

        Ca?.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    /// <summary>A client that trusts only the cluster CA; with a ticket it sends the auth cookie.</summary>
    /// <param name="ticket">Sent as the auth cookie.</param>
    /// <param name="csrfToken">Sent as the CSRF header.</param>
    /// <param name="from">A loopback source address (127.0.0.x) to appear as another client.</param>
    public HttpClient Client(string? ticket = null, string? csrfToken = null, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler { UseCookies = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(from.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            CustomTrustStore = { Ca },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (ticket is not null)
        {
            client.DefaultRequestHeaders.Add("Cookie", $"PVEAuthCookie={Uri.EscapeDataString(ticket)}");
        }

        if (csrfToken is not null)
        {
            client.DefaultRequestHeaders.Add("CSRFPreventionToken", csrfToken);
        }

        return client;
    }

    /// <summary>A ticket signed with this pve-dir's authkey, as another cluster node would issue it.</summary>
    public string Ticket(string user = "root@pam", DateTimeOffset? at = null)
    {
        using var key = AuthKeyMaterial.ImportKey(File.ReadAllText(PveDir.AuthPrivateKey), "authkey.key");
        return AuthTicket.Create(key, UserId.Parse(user), at ?? DateTimeOffset.UtcNow);
    }

    public string CsrfToken(string user = "root@pam") =>
        Core.Auth.CsrfToken.Create(AuthKeyMaterial.ReadCsrfSecret(File.ReadAllText(PveDir.CsrfSecret)), UserId.Parse(user),
            DateTimeOffset.UtcNow);

    public HttpClient RootClient() => Client(Ticket(), CsrfToken());

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/json", $"not JSON: {response.Content.Headers.ContentType} {text}");
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    public static Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Get, path));

    public static Task<(HttpStatusCode Status, JsonObject Body)> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form) =>
        SendAsync(client, new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });
}
