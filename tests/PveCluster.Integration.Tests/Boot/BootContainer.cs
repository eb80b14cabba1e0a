using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PveCluster.Lab.Processes;

namespace PveCluster.Integration.Tests.Boot;

/// <summary>
/// One booted test host: systemd as PID 1 of a systemd-nspawn container in a lab network namespace, its root an
/// overlay of the cached <see cref="BootRootfs"/> (the node's changes persist across its reboots). The host has no
/// systemd bus, so the container is not registered (no machinectl); commands enter it with nsenter.
/// </summary>
public sealed class BootContainer : IAsyncDisposable
{
    private static readonly TimeSpan PowerOffTimeout = TimeSpan.FromMinutes(3);

    private readonly string _directory;
    private readonly string _netnsPath;
    private readonly CommandRunner _runner;
    private readonly ILogger _logger;
    private Process? _nspawn;

    private BootContainer(string name, string directory, string netnsPath, CommandRunner runner, ILogger logger)
    {
        Name = name;
        _directory = directory;
        _netnsPath = netnsPath;
        _runner = runner;
        _logger = logger;
    }

    public string Name { get; }

    /// <summary>The container's / as seen from the host (the overlay mount).</summary>
    public string Root => Path.Combine(_directory, "root");

    public string ConsoleLog => Path.Combine(_directory, "console.log");

    public bool IsRunning => _nspawn is { HasExited: false };

    /// <summary>Mounts the overlay and writes the node's identity: host name, /etc/hosts, machine id, SSH host keys.</summary>
    public static async Task<BootContainer> CreateAsync(
        string name, string rootfs, string directory, string netnsPath, string hostsFile, CommandRunner runner, ILogger logger,
        CancellationToken cancellationToken)
    {
        var container = new BootContainer(name, directory, netnsPath, runner, logger);
        foreach (var sub in new[] { "upper", "work", "root" })
            Directory.CreateDirectory(Path.Combine(directory, sub));
        await runner.RunCheckedAsync(
            ["mount", "-t", "overlay", "overlay", "-o",
             $"lowerdir={rootfs},upperdir={Path.Combine(directory, "upper")},workdir={Path.Combine(directory, "work")}", container.Root],
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(container.Root, "etc/hostname"), name + "\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(container.Root, "etc/hosts"), hostsFile, cancellationToken);
        await File.WriteAllTextAsync(
            Path.Combine(container.Root, "etc/machine-id"), Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + "\n", cancellationToken);
        await runner.RunCheckedAsync(["ssh-keygen", "-A", "-f", container.Root], cancellationToken);
        return container;
    }

    /// <summary>
    /// Boots the container and waits until systemd has finished starting the default target, or with
    /// <paramref name="untilFinished"/> false only until systemd is starting units: a node whose pve-guests waits for
    /// quorum does not finish its boot before the cluster is quorate (as on a Proxmox host).
    /// </summary>
    public async Task BootAsync(TimeSpan timeout, CancellationToken cancellationToken, bool untilFinished = true)
    {
        if (IsRunning)
            throw new InvalidOperationException($"{Name} is already running");
        var start = new ProcessStartInfo("systemd-nspawn")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "--directory", Root, "--boot", "--register=no", "--keep-unit", "--machine", Name,
                     $"--network-namespace-path={_netnsPath}", "--bind=/dev/fuse",
                 })
            start.ArgumentList.Add(argument);
        var nspawn = new Process { StartInfo = start, EnableRaisingEvents = true };
        var console = new StreamWriter(ConsoleLog, append: true) { AutoFlush = true };
        nspawn.OutputDataReceived += (_, e) => Append(console, e.Data);
        nspawn.ErrorDataReceived += (_, e) => Append(console, e.Data);
        nspawn.Exited += (_, _) => { lock (console) console.Dispose(); };
        nspawn.Start();
        nspawn.StandardInput.Close();
        nspawn.BeginOutputReadLine();
        nspawn.BeginErrorReadLine();
        _nspawn = nspawn;
        _logger.LogInformation("{Name}: booting (nspawn pid {Pid})", Name, nspawn.Id);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var state = "(systemd not reachable yet)";
        try
        {
            while (true)
            {
                if (nspawn.HasExited)
                    throw new InvalidOperationException($"{Name}: systemd-nspawn exited with {nspawn.ExitCode} while booting; see {ConsoleLog}");
                // is-system-running --wait returns once the boot is over: running, or degraded when a unit failed.
                if (LeaderPid() is not null)
                {
                    state = (await ExecAsync(untilFinished ? ["systemctl", "is-system-running", "--wait"] : ["systemctl", "is-system-running"], deadline.Token))
                        .StandardOutput.Trim();
                    if (state is "running" or "degraded" || (!untilFinished && state == "starting"))
                    {
                        _logger.LogInformation("{Name}: booted ({State})", Name, state);
                        return;
                    }
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{Name}: boot not {(untilFinished ? "finished" : "started")} after {timeout.TotalSeconds:0} s (last state: {state}); see {ConsoleLog}");
        }
    }

    /// <summary>Runs a command inside the container (all its namespaces, a clean root environment).</summary>
    public Task<CommandResult> ExecAsync(IReadOnlyList<string> command, CancellationToken cancellationToken, string? standardInput = null)
    {
        var leader = LeaderPid() ?? throw new InvalidOperationException($"{Name} is not running");
        return _runner.RunAsync(
            ["nsenter", "--target", leader.ToString(CultureInfo.InvariantCulture), "--all", "--",
             "/usr/bin/env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root", "LANG=C.UTF-8",
             .. command],
            standardInput, cancellationToken);
    }

    /// <summary>Like <see cref="ExecAsync"/>, failing with the command's output when it exits non-zero.</summary>
    public async Task<string> ExecCheckedAsync(IReadOnlyList<string> command, CancellationToken cancellationToken, string? standardInput = null) =>
        (await ExecAsync(command, cancellationToken, standardInput)).EnsureSuccess().StandardOutput;

    /// <summary>An orderly power off (systemd stops every unit, pve-guests included), awaited until nspawn exits.</summary>
    public async Task PowerOffAsync(CancellationToken cancellationToken)
    {
        if (_nspawn is not { HasExited: false } nspawn)
            return;
        _logger.LogInformation("{Name}: powering off", Name);
        // The command may lose its connection while systemd goes down: its exit code says nothing.
        await ExecAsync(["systemctl", "poweroff"], cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(PowerOffTimeout);
        await nspawn.WaitForExitAsync(deadline.Token);
        _logger.LogInformation("{Name}: powered off (nspawn exit {Code})", Name, nspawn.ExitCode);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nspawn is { HasExited: false } nspawn)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
                await PowerOffAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
            {
                nspawn.Kill(entireProcessTree: true);
                await nspawn.WaitForExitAsync(CancellationToken.None);
            }
        }

        _nspawn?.Dispose();
        await _runner.RunAsync(["umount", "--recursive", Root], CancellationToken.None);
        await _runner.RunAsync(["umount", "--lazy", Root], CancellationToken.None);
    }

    /// <summary>The container's PID 1 as seen from the host: nspawn's child process.</summary>
    private int? LeaderPid()
    {
        if (_nspawn is not { HasExited: false } nspawn)
            return null;
        try
        {
            var children = File.ReadAllText($"/proc/{nspawn.Id}/task/{nspawn.Id}/children").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return children.Length == 1 ? int.Parse(children[0], CultureInfo.InvariantCulture) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void Append(StreamWriter console, string? line)
    {
        if (line is null)
            return;
        lock (console)
        {
            try
            {
                console.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
