using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PveCluster.Cfs.Status;
using PveCluster.Cfs.Views;

namespace PveCluster.Cfs.Hosting;

/// <summary>
/// Composes the daemon on the Generic Host. Hosted services start in this order and stop in the
/// reverse one: cluster log replication (cluster mode) -> tree (database, corosync) -> mount -> base directories -> corosync.conf sync.
/// SIGTERM/SIGINT stop the host, which unmounts before the tree goes away.
/// </summary>
internal static class CfsHost
{
    public static IHost Build(CfsOptions options)
    {
        var debug = new DebugSwitch(options.Debug);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "pmxcfs",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
            DisableDefaults = true,
        });

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
        });
        // Under systemd: READY=1 once every hosted service started (so after the mount), STOPPING=1 at stop, and
        // log lines with <N> priority prefixes that journald turns into the entry's severity.
        builder.Services.AddSystemd();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter((_, _, level) => DebugLogFilter.Allows(debug, level));

        var services = builder.Services;
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        services.AddSingleton(options);
        services.AddSingleton(debug);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ClusterLog(options.NodeName, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ClusterMembership>();

        if (!options.LocalMode)
            services.AddHostedService<ClusterLogReplicationService>();
        services.AddSingleton<ConfigTreeService>();
        services.AddHostedService(provider => provider.GetRequiredService<ConfigTreeService>());
        services.AddHostedService<FuseMountService>();
        services.AddHostedService<BaseTreeService>();
        if (!options.LocalMode)
        {
            services.AddSingleton<ICorosyncReloader, CfgCorosyncReloader>();
            services.AddHostedService<CorosyncConfSyncService>();
        }

        return builder.Build();
    }

    public static async Task<int> RunAsync(CfsOptions options, CancellationToken cancellationToken)
    {
        if (!options.Foreground)
            return await Daemonizer.StartInBackgroundAsync(options, cancellationToken).ConfigureAwait(false);

        CfsOptions effective;
        try
        {
            effective = await StartupMode.ResolveAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"pmxcfs: cannot open {options.DatabasePath}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using var host = Build(effective);
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("pmxcfs");
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
#pragma warning disable CA1031 // the daemon's last line of defence: report and exit non-zero
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogCritical(e, "pmxcfs failed: {Reason}", e.Message);
            return 1;
        }
    }
}
