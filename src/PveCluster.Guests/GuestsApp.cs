using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Core.DatacenterCfg;
using PveCluster.Lifecycle.Services;

namespace PveCluster.Guests;

/// <summary>
/// The pve-guests command line: <c>startall</c> (boot) and <c>stopall</c> (power off), run by pve-guests.service. Every
/// option is accepted by both commands, so that the unit passes the same PVE_GUESTS_OPTIONS to each.
/// </summary>
internal static class GuestsApp
{
    private const int DefaultQuorumTimeoutSeconds = 600;

    public static int Run(string[] args)
    {
        var qm = new Option<string>("--qm") { Description = "The VM tool, called as 'TOOL status|start ID' and 'TOOL shutdown ID --timeout S --forceStop 1'.", DefaultValueFactory = _ => "qm", Recursive = true };
        var pct = new Option<string>("--pct") { Description = "The container tool, called like --qm.", DefaultValueFactory = _ => "pct", Recursive = true };
        var pveDir = new Option<string>("--pve-dir") { Description = "Where pmxcfs is mounted.", DefaultValueFactory = _ => PveDirectory.DefaultRoot, Recursive = true };
        var quorumTimeout = new Option<int>("--quorum-timeout")
        {
            Description = "Seconds to wait for quorum before giving up (no guest is started then).",
            DefaultValueFactory = _ => DefaultQuorumTimeoutSeconds,
            Recursive = true,
        };
        quorumTimeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--quorum-timeout must be 0 or more seconds");
        });
        var maxWorkers = new Option<int?>("--max-workers") { Description = "Guests shut down at the same time (default: datacenter.cfg max_workers, else the CPU count).", Recursive = true };
        maxWorkers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
                result.AddError("--max-workers must be at least 1");
        });

        var startAll = new Command("startall", "Wait for quorum, then start this node's guests that have onboot set, in startup order.");
        startAll.SetAction(async (parse, cancellationToken) =>
        {
            using var session = Session.Open(parse.GetValue(pveDir)!, parse.GetValue(qm)!, parse.GetValue(pct)!);
            var starter = new GuestStarter(session.Scanner, new QuorumWaiter(session.Pve, TimeProvider.System, session.Logger), session.Tools, TimeProvider.System, session.Logger);
            return await starter.StartAllAsync(TimeSpan.FromSeconds(parse.GetValue(quorumTimeout)), cancellationToken).ConfigureAwait(false);
        });

        var stopAll = new Command("stopall", "Shut down every running guest of this node, in reverse startup order.");
        stopAll.SetAction(async (parse, cancellationToken) =>
        {
            using var session = Session.Open(parse.GetValue(pveDir)!, parse.GetValue(qm)!, parse.GetValue(pct)!);
            var workers = parse.GetValue(maxWorkers) ?? await DatacenterMaxWorkersAsync(session, cancellationToken).ConfigureAwait(false);
            return await new GuestStopper(session.Scanner, session.Tools, session.Logger).StopAllAsync(workers, cancellationToken).ConfigureAwait(false);
        });

        var root = new RootCommand("Start this node's guests at boot (after quorum, in startup order) and stop them at power off.")
        {
            startAll, stopAll, qm, pct, pveDir, quorumTimeout, maxWorkers,
        };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0 && parseResult.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parseResult.Errors)
                Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine("Run 'pve-guests --help' for usage.");
            return GuestsExitCodes.Usage;
        }

        return parseResult.Invoke();
    }

    /// <summary>datacenter.cfg's <c>max_workers</c>; the CPU count when unset or unreadable.</summary>
    private static async Task<int> DatacenterMaxWorkersAsync(Session session, CancellationToken cancellationToken)
    {
        try
        {
            var text = await File.ReadAllTextAsync(session.Pve.DatacenterConfig, cancellationToken).ConfigureAwait(false);
            if (DatacenterConfig.Parse(text).Get("max_workers") is { } value)
            {
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var workers) && workers >= 1)
                    return workers;
                session.Logger.LogWarning("datacenter.cfg: max_workers '{Value}' is not a positive number; using the CPU count", value);
            }
        }
        catch (FileNotFoundException)
        {
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DatacenterConfigException)
        {
            session.Logger.LogWarning("cannot read {File}: {Message}; using the CPU count", session.Pve.DatacenterConfig, ex.Message);
        }

        return Environment.ProcessorCount;
    }

    /// <summary>The logger and collaborators of one run. Under systemd (JOURNAL_STREAM set) log lines carry syslog levels.</summary>
    private sealed class Session(ILoggerFactory loggers, PveDirectory pve, GuestTools tools) : IDisposable
    {
        public PveDirectory Pve => pve;

        public ILogger Logger { get; } = loggers.CreateLogger("pve-guests");

        public GuestTools Tools => tools;

        public NodeGuestScanner Scanner => new(pve, Logger);

        public static Session Open(string pveDir, string qm, string pct)
        {
            var underJournal = Environment.GetEnvironmentVariable("JOURNAL_STREAM") is not null;
            var loggers = LoggerFactory.Create(builder =>
            {
                if (underJournal)
                    builder.AddSystemdConsole();
                else
                    builder.AddSimpleConsole(options => options.SingleLine = true);
            });
            return new Session(loggers, new PveDirectory(pveDir), new GuestTools(qm, pct, ProcessRunner.Instance));
        }

        public void Dispose() => loggers.Dispose();
    }
}
