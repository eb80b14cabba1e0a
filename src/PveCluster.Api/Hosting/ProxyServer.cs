using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Envelope;
using PveCluster.Api.Gui;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Proxy;
using PveCluster.Api.Routing;

namespace PveCluster.Api.Hosting;

/// <summary>
/// pveproxy: the HTTPS endpoint on port 8006, run as www-data. It enforces the request limits, tickets, CSRF,
/// login throttling and parameter schemas, serves every endpoint that needs no root, forwards protected ones to
/// pvedaemon and <c>/nodes/{other}</c> requests to that member's pveproxy.
/// </summary>
public static class ProxyServer
{
    /// <param name="options">What the command line set.</param>
    /// <param name="configureLogging">Extra logging setup (tests silence it).</param>
    /// <param name="time">The clock for tickets and throttling; the system clock unless a test pins it.</param>
    /// <param name="configureServices">Replaces services after the defaults.</param>
    /// <exception cref="StartupException">The node certificate is missing or unusable.</exception>
    public static WebApplication Create(
        ApiOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pveDir = new PveDirectory(options.PveDir);
        var certificate = NodeCertificateLoader.LoadServerCertificate(pveDir, options.Node);
        var builder = ApiServer.CreateBuilder(options, pveDir, time, configureLogging);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            KestrelLimits.Apply(kestrel.Limits, options.Limits);
            // HTTP/1.1 only, like pveproxy: HTTP/2 would add per-connection streams and header tables to bound.
            kestrel.Listen(options.Listen, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.UseHttps(certificate);
            });
        });
        builder.Services.Configure<FormOptions>(form => KestrelLimits.Apply(form, options.Limits));
        builder.Services.AddSingleton<DaemonClient>();
        builder.Services.AddSingleton<DaemonCsrfCheck>();
        builder.Services.AddSingleton<ITicketIssuer, DaemonTicketIssuer>();
        builder.Services.AddSingleton<PeerNodeClient>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(certificate.Dispose);
        // The web GUI's static files, first: requests under the API prefix never reach them.
        app.MapGui(options.GuiDir, ApiServer.ApiPrefix);
        var group = ApiServer.UseApi(app, api =>
        {
            api.UseMiddleware<TicketAuthMiddleware>();
            api.UseMiddleware<NodeForwardingMiddleware>();
        });
        ProtectedCallForwarder.AddTo(group);
        ApiEndpoints.Map(group);
        group.MapFallback((HttpContext context) =>
        {
            throw new ApiException(StatusCodes.Status501NotImplemented,
                $"Method '{context.Request.Method} {context.Request.Path}' not implemented");
        }).WithParameters(ParameterSchema.Unchecked);
        return app;
    }
}
