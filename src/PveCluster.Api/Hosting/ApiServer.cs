using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using PveCluster.Api.Auth;
using PveCluster.Api.Cluster;
using PveCluster.Api.Endpoints;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Tasks;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Api.Hosting;

/// <summary>Composes the HTTPS server: Kestrel with the node certificate, the /api2/json endpoints and their auth.</summary>
public static class ApiServer
{
    public const string ApiPrefix = "/api2/json";

    /// <param name="options">What the command line set.</param>
    /// <param name="configureLogging">Extra logging setup (tests silence it).</param>
    /// <param name="configureServices">Replaces services after the defaults (tests substitute the cluster lifecycle).</param>
    /// <exception cref="StartupException">The node certificate is missing or unusable.</exception>
    /// <param name="time">The clock for tickets, key rotation and throttling; the system clock unless a test pins it.</param>
    public static WebApplication Create(
        ApiOptions options,
        Action<ILoggingBuilder>? configureLogging = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pveDir = new PveDirectory(options.PveDir);
        var certificate = NodeCertificateLoader.LoadServerCertificate(pveDir, options.Node);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // One line per request is noise on a node polled by the GUI every few seconds; our own log lines say what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
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
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(pveDir);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddApiAuthentication(options);
        builder.Services.AddSingleton<CorosyncConfReader>();
        builder.Services.AddSingleton<MembersReader>();
        builder.Services.AddSingleton<HostAddressCache>();
        builder.Services.AddSingleton<NodeAddressResolver>();
        builder.Services.AddSingleton<TaskRegistry>();
        builder.Services.AddSingleton(ClusterLifecycle.ForServer(options, CorosyncClusterConnection.Open));
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(certificate.Dispose);
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase),
            api => api.UseMiddleware<TicketAuthMiddleware>());

        var group = app.MapGroup(ApiPrefix);
        ParameterFilter.AddTo(group);
        AccessEndpoints.Map(group);
        ClusterConfigEndpoints.Map(group);
        ClusterJoinEndpoints.Map(group);
        ClusterStatusEndpoints.Map(group);
        NodeNetworkEndpoints.Map(group);
        TaskEndpoints.Map(group);
        ClusterOptionsEndpoints.Map(group);
        ClusterLinkEndpoints.Map(group);
        group.MapFallback((HttpContext context) =>
        {
            throw new ApiException(StatusCodes.Status501NotImplemented,
                $"Method '{context.Request.Method} {context.Request.Path}' not implemented");
        }).WithParameters(ParameterSchema.Unchecked);
        return app;
    }

    /// <summary>The port Kestrel actually bound (useful with port 0); call after the app has started.</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}
