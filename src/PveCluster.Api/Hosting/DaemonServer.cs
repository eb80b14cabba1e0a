using Microsoft.AspNetCore.Server.Kestrel.Core;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Keys;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Daemon;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Hosting;

/// <summary>
/// pvedaemon: root, local only. Serves HTTP/1.1 on a Unix socket that only root and www-data can reach
/// (<see cref="DaemonSocket"/>, <see cref="PeerCheck"/>) and runs the protected endpoints for the user pveproxy
/// authenticated, plus ticket signing and CSRF checks (<see cref="InternalEndpoints"/>) and the key rotation.
/// </summary>
public static class DaemonServer
{
    /// <param name="options">What the command line set.</param>
    /// <param name="proxyUser">The user pveproxy runs as (www-data): the socket's group, and the one uid besides root let in.</param>
    /// <param name="configureLogging">Extra logging setup (tests silence it).</param>
    /// <param name="time">The clock for tickets and key rotation; the system clock unless a test pins it.</param>
    /// <param name="configureServices">Replaces services after the defaults (tests substitute the cluster lifecycle).</param>
    public static WebApplication Create(
        ApiOptions options,
        SystemAccount proxyUser,
        Action<ILoggingBuilder>? configureLogging = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(proxyUser);
        var socket = new DaemonSocket(options.DaemonSocket, proxyUser.Gid);
        socket.PrepareDirectory();
        var policy = PeerPolicy.RootAnd(proxyUser);
        var builder = ApiServer.CreateBuilder(options, new PveDirectory(options.PveDir), time, configureLogging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(socket.Path, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                PeerCheck.Use(listen, policy);
            });
        });
        builder.Services.AddSingleton(provider => new PamAuthenticator(options.PamService, provider.GetRequiredService<ILogger<PamAuthenticator>>()));
        builder.Services.AddSingleton<PamWorkerPool>();
        builder.Services.AddSingleton<ITicketIssuer, LocalTicketIssuer>();
        builder.Services.AddHostedService<TicketKeyRotationService>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(socket.RestrictSocket);
        var group = ApiServer.UseApi(app, api => api.UseMiddleware<DaemonIdentityMiddleware>());
        ApiEndpoints.Map(group);
        InternalEndpoints.Map(app);
        return app;
    }
}
