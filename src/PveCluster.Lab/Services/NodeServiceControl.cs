using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;

namespace PveCluster.Lab.Services;

/// <summary>
/// `pvelab service start|stop|restart|status NAME`, run INSIDE a node (it is the node's
/// PVE_SERVICE_CONTROL): starts the daemon detached in the node's namespaces, records its PID in the
/// node's private /run and waits until it really serves (corosync IPC answers, /etc/pve is mounted,
/// the port listens), so a caller such as `pvecm create` can rely on it like on systemctl.
/// </summary>
public sealed class NodeServiceControl
{
    /// <summary>systemctl's exit code for "not running".</summary>
    public const int NotRunningExitCode = 3;

    private const string CorosyncConf = "/etc/corosync/corosync.conf";
    private const string PveMountPoint = "/etc/pve";
    private const int ApiPort = 8006;
    private const string DaemonSocket = "/run/pvedaemon/pvedaemon.sock";

    /// <summary>pveproxy never runs as root; its unit would say User=www-data.</summary>
    private static readonly string[] AsProxyUser = ["setpriv", "--reuid=www-data", "--regid=www-data", "--init-groups"];
    private const int SshPort = 22;

    private readonly ServiceRunDirectory _run;
    private readonly CommandRunner _runner;
    private readonly DaemonLauncher _launcher;
    private readonly ProcessStopper _stopper;
    private readonly ILogger _logger;

    public NodeServiceControl(ServiceRunDirectory run, CommandRunner runner, ILogger logger)
    {
        _run = run;
        _runner = runner;
        _logger = logger;
        _launcher = new DaemonLauncher(runner, logger);
        _stopper = new ProcessStopper(runner, logger);
    }

    /// <summary>Starts <paramref name="service"/> unless it runs; returns once it serves.</summary>
    public async Task StartAsync(string service, CancellationToken cancellationToken)
    {
        CheckKnown(service);
        if (_run.Find(0, service) is { } running)
        {
            _logger.LogInformation("{Service} already running (pid {Pid})", service, running.Pid);
            return;
        }
        var command = CommandFor(service);
        if (service == ServiceNames.Sshd)
        {
            // sshd's privilege separation directory, normally created by systemd's RuntimeDirectory.
            Directory.CreateDirectory("/run/sshd");
        }
        else if (service == ServiceNames.CorosyncQnetd)
        {
            await QdeviceDaemons.PrepareQnetdAsync(_runner, cancellationToken).ConfigureAwait(false);
        }
        else if (service == ServiceNames.CorosyncQdevice)
        {
            QdeviceDaemons.PrepareQdevice();
        }
        var (pid, comm) = await _launcher.LaunchAsync(command, ProgramOf(command), _run.PidScratch(service), _run.Log(service), cancellationToken)
            .ConfigureAwait(false);
        _run.Record(service, pid, comm);
        await WaitUntilServingAsync(service, pid, comm, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("{Service} started (pid {Pid}: {Command})", service, pid, string.Join(' ', command));
    }

    /// <summary>Stops <paramref name="service"/> (SIGTERM, SIGKILL after a grace period); a stopped service is fine.</summary>
    public async Task StopAsync(string service, CancellationToken cancellationToken)
    {
        CheckKnown(service);
        if (_run.Find(0, service) is { } running)
        {
            await _stopper.StopAsync(running.Pid, running.Comm, "TERM", cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Service} stopped (pid {Pid})", service, running.Pid);
        }
        _run.Forget(service);
    }

    public async Task RestartAsync(string service, CancellationToken cancellationToken)
    {
        await StopAsync(service, cancellationToken).ConfigureAwait(false);
        await StartAsync(service, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One status line; 0 when running, <see cref="NotRunningExitCode"/> when not (like systemctl is-active).</summary>
    public int Status(string service, TextWriter output)
    {
        CheckKnown(service);
        if (_run.Find(0, service) is { } running)
        {
            output.WriteLine($"{service}: active (running), pid {running.Pid}");
            return 0;
        }
        output.WriteLine($"{service}: inactive");
        return NotRunningExitCode;
    }

    private static void CheckKnown(string service)
    {
        if (!ServiceNames.IsKnown(service))
        {
            throw new LabException($"unknown service '{service}' (known: {string.Join(", ", ServiceNames.All)})");
        }
    }

    /// <summary>The daemon's command line, decided at start time from the node's current files.</summary>
    private static IReadOnlyList<string> CommandFor(string service) => service switch
    {
        ServiceNames.Corosync => File.Exists(CorosyncConf)
            ? ["corosync", "-f"]
            : throw new LabException($"cannot start corosync: {CorosyncConf} does not exist (not part of a cluster yet)"),
        // Explicit -l without a node corosync.conf (pmxcfs would also fall back by itself when its database has none).
        ServiceNames.PveCluster => File.Exists(CorosyncConf) ? ["pmxcfs", "-f"] : ["pmxcfs", "-f", "-l"],
        ServiceNames.PveDaemon => ["pvedaemon"],
        ServiceNames.PveProxy => CheckApiCertificate(),
        // sshd re-executes itself and therefore needs its absolute path.
        ServiceNames.Sshd => ["/usr/sbin/sshd", "-D", "-e"],
        ServiceNames.CorosyncQnetd => QdeviceDaemons.QnetdCommand,
        ServiceNames.CorosyncQdevice => File.Exists(CorosyncConf)
            ? QdeviceDaemons.QdeviceCommand
            : throw new LabException($"cannot start corosync-qdevice: {CorosyncConf} does not exist (not part of a cluster)"),
        _ => throw new LabException($"unknown service '{service}'"),
    };

    private static IReadOnlyList<string> CheckApiCertificate()
    {
        var certificate = $"{PveMountPoint}/nodes/{Environment.MachineName}/pve-ssl.pem";
        return File.Exists(certificate)
            ? [.. AsProxyUser, "pveproxy"]
            : throw new LabException($"cannot start pveproxy: {certificate} does not exist (run `pvecm updatecerts` first)");
    }

    /// <summary>The daemon's own program in a command that may start with <c>setpriv &lt;options&gt;</c>.</summary>
    private static string ProgramOf(IReadOnlyList<string> command) =>
        command[0] == "setpriv" ? command.Skip(1).First(word => !word.StartsWith('-')) : command[0];

    private async Task WaitUntilServingAsync(string service, int pid, string comm, CancellationToken cancellationToken)
    {
        var timeout = service == ServiceNames.PveCluster ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(30);
        var deadline = DateTime.UtcNow + timeout;
        while (!await IsServingAsync(service, pid, cancellationToken).ConfigureAwait(false))
        {
            if (!ProcessProbe.IsAlive(pid, comm))
            {
                _run.Forget(service);
                throw new LabException($"{service} exited during start; {_run.Log(service)}: {DaemonLauncher.Tail(_run.Log(service))}");
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new LabException($"{service} (pid {pid}) runs but does not serve after {timeout.TotalSeconds} s; " +
                    $"{_run.Log(service)}: {DaemonLauncher.Tail(_run.Log(service))}");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> IsServingAsync(string service, int pid, CancellationToken cancellationToken) => service switch
    {
        ServiceNames.Corosync => (await _runner.RunAsync(["corosync-cfgtool", "-s"], cancellationToken).ConfigureAwait(false)).Succeeded,
        ServiceNames.PveCluster => FuseMounts.IsMounted(pid, PveMountPoint),
        ServiceNames.PveDaemon => UnixSocketProbe.Accepts(DaemonSocket),
        ServiceNames.PveProxy => ListeningSockets.IsListening(pid, ApiPort),
        ServiceNames.Sshd => ListeningSockets.IsListening(pid, SshPort),
        ServiceNames.CorosyncQnetd => ListeningSockets.IsListening(pid, QdeviceDaemons.QnetdPort),
        ServiceNames.CorosyncQdevice => await QdeviceDaemons.QdeviceAnswersAsync(_runner, cancellationToken).ConfigureAwait(false),
        _ => true,
    };
}
