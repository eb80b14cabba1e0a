using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PveCluster.Api.Auth;
using PveCluster.Api.Auth.Keys;
using PveCluster.Api.Auth.Login;
using PveCluster.Api.Cluster;
using PveCluster.Api.Envelope;
using PveCluster.Api.Join;
using PveCluster.Api.NodeStatus;
using PveCluster.Api.PveFiles;
using PveCluster.Api.Routing;
using PveCluster.Api.Tasks;
using PveCluster.Lifecycle.Cluster;

namespace PveCluster.Api.Hosting;

/// <summary>
/// What pveproxy (<see cref="ProxyServer"/>) and pvedaemon (<see cref="DaemonServer"/>) share: logging, JSON, and
/// the services endpoint handlers take. Both map the same endpoints (<see cref="ApiEndpoints"/>), so both register
/// everything a handler may ask for; which process runs a handler is the endpoint's <c>.Protected()</c> mark.
/// </summary>
public static class ApiServer
{
    public const string ApiPrefix = "/api2/json";

    internal static WebApplicationBuilder CreateBuilder(
        ApiOptions options, PveDirectory pveDir, TimeProvider? time, Action<ILoggingBuilder>? configureLogging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // One line per request is noise on a node polled by the GUI every few seconds; our own log lines say what matters.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        configureLogging?.Invoke(builder.Logging);
        // Under systemd: READY=1 once Kestrel listens, and log lines with <N> priority prefixes for journald.
        builder.Services.AddSystemd();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(pveDir);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<TicketKeyRotation>();
        builder.Services.AddSingleton<AuthKeyStore>();
        builder.Services.AddSingleton(options.Login);
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddSingleton<FailureTiming>();
        builder.Services.AddSingleton<LoginService>();
        builder.Services.AddSingleton<CorosyncConfReader>();
        builder.Services.AddSingleton<MembersReader>();
        builder.Services.AddSingleton<HostAddressCache>();
        builder.Services.AddSingleton<NodeAddressResolver>();
        builder.Services.AddSingleton<TaskRegistry>();
        builder.Services.AddSingleton(services => new LocalNodeMetrics(services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<NodeRows>();
        builder.Services.AddSingleton<ClusterLogReader>();
        builder.Services.AddSingleton<TaskIndex>();
        builder.Services.AddSingleton<IKnetLinkStatsSource, CorosyncKnetLinkStats>();
        builder.Services.AddSingleton(ClusterLifecycle.ForServer(options, CorosyncClusterConnection.Open));
        return builder;
    }

    /// <summary>
    /// The error envelope for everything, <paramref name="authentication"/> for <c>/api2/json</c> (pveproxy: tickets;
    /// pvedaemon: the user pveproxy names), and the <c>/api2/json</c> group with the parameter check, to map into.
    /// </summary>
    internal static RouteGroupBuilder UseApi(WebApplication app, Action<IApplicationBuilder> authentication)
    {
        app.UseMiddleware<ApiErrorMiddleware>();
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase), authentication);
        var group = app.MapGroup(ApiPrefix);
        ParameterFilter.AddTo(group);
        return group;
    }

    /// <summary>The port Kestrel actually bound (useful with port 0); call after the app has started.</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("[::]", "localhost", StringComparison.Ordinal)).Port;
    }
}
