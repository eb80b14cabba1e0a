using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
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
    /// <summary>The daemon's console log; also used before the host exists (the startup mode check opens the database).</summary>
    private static void AddConsoleLogging(ILoggingBuilder logging, DebugSwitch debug)
    {
        logging.ClearProviders();
        if (SystemdHelpers.IsSystemdService())
        {
            // journald takes each line's severity from its <N> prefix (the host's AddSystemd sets the same format).
            logging.AddSystemdConsole();
        }
        else
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-dd HH:mm:ss ";
            });
        }
        logging.SetMinimumLevel(LogLevel.Trace);
        logging.AddFilter((_, _, level) => DebugLogFilter.Allows(debug, level));
    }

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

        AddConsoleLogging(builder.Logging, debug);
        // Under systemd: READY=1 once every hosted service started (so after the mount), STOPPING=1 at stop, and
        // log lines with <N> priority prefixes that journald turns into the entry's severity.
        builder.Services.AddSystemd();

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
        services.AddHostedService<MemoryTrimService>();
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
        IDisposable instanceLock;
        try
        {
            // Opening the database narrows its file modes and says so: that line must reach the log (disposing flushes it).
            using var startupLogging = LoggerFactory.Create(logging => AddConsoleLogging(logging, new DebugSwitch(options.Debug)));
            var startupLogger = startupLogging.CreateLogger("pmxcfs");
            instanceLock = await InstanceLock.AcquireAsync(options.DatabasePath, startupLogger, cancellationToken).ConfigureAwait(false);
            try
            {
                effective = await StartupMode.ResolveAsync(options, startupLogger, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                instanceLock.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync($"pmxcfs: cannot open {options.DatabasePath}: {e.Message}").ConfigureAwait(false);
            return 1;
        }

        using var heldLock = instanceLock;

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
