using Microsoft.Extensions.Logging;

namespace PveCluster.Lab.Processes;

/// <summary>
/// Starts long-running processes detached from the caller (own session, output to a log file) so
/// they outlive `pvelab` itself, and reports the PID of the daemon proper, not of a wrapper.
/// </summary>
public sealed class DaemonLauncher
{
    // The wrapper writes its own PID and then execs the command, so that PID becomes the daemon's.
    // The user command is passed as positional parameters ("$@"), never spliced into the script.
    private const string Wrapper = "pidfile=$1; log=$2; shift 2; echo $$ >\"$pidfile\"; exec \"$@\" >>\"$log\" 2>&1 </dev/null";

    private static readonly TimeSpan PidFileTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RenameGrace = TimeSpan.FromSeconds(1);

    private readonly CommandRunner _runner;
    private readonly ILogger _logger;

    public DaemonLauncher(CommandRunner runner, ILogger logger)
    {
        _runner = runner;
        _logger = logger;
    }

    /// <summary>
    /// Launches <paramref name="command"/> and waits until the daemon's own program runs
    /// (its comm is the basename of <paramref name="program"/>); returns PID and comm.
    /// </summary>
    /// <param name="command">The full command line, possibly with an nsenter prefix.</param>
    /// <param name="program">The program that is finally exec'ed (for the comm check).</param>
    /// <param name="pidFile">Scratch file for the PID.</param>
    /// <param name="logFile">Receives stdout and stderr of the daemon.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<(int Pid, string Comm)> LaunchAsync(
        IReadOnlyList<string> command, string program, string pidFile, string logFile, CancellationToken cancellationToken)
    {
        File.Delete(pidFile);
        var launch = new List<string> { "setsid", "--fork", "sh", "-c", Wrapper, "sh", pidFile, logFile };
        launch.AddRange(command);
        await _runner.RunCheckedAsync(launch, cancellationToken).ConfigureAwait(false);

        var pid = await ReadPidAsync(pidFile, cancellationToken).ConfigureAwait(false);
        var expected = ProcessProbe.ExpectedComm(program);
        DateTime? finalSince = null;
        while (true)
        {
            var comm = ProcessProbe.ReadComm(pid);
            if (comm is null)
            {
                throw new LabException($"{program} exited right after start; see {logFile}: {Tail(logFile)}");
            }
            if (string.Equals(comm, expected, StringComparison.Ordinal) && !IsWrapper(pid))
            {
                _logger.LogDebug("started {Program} as pid {Pid}", program, pid);
                return (pid, comm);
            }
            // Past the wrapper and nsenter, but named differently (a script, or a program that
            // renames itself): give it a moment, then trust what the kernel reports.
            if (!IsWrapper(pid) && comm != "nsenter")
            {
                finalSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - finalSince > RenameGrace)
                {
                    _logger.LogDebug("{Program} runs as pid {Pid} with comm {Comm}", program, pid, comm);
                    return (pid, comm);
                }
            }
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsWrapper(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Contains(Wrapper, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Last lines of a log file, for error messages.</summary>
    public static string Tail(string logFile, int lines = 5)
    {
        try
        {
            var all = File.ReadAllLines(logFile);
            return all.Length == 0 ? "(empty log)" : string.Join(" | ", all.TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static async Task<int> ReadPidAsync(string pidFile, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + PidFileTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (File.Exists(pidFile)
                && int.TryParse((await File.ReadAllTextAsync(pidFile, cancellationToken).ConfigureAwait(false)).Trim(),
                    System.Globalization.CultureInfo.InvariantCulture, out var pid))
            {
                File.Delete(pidFile);
                return pid;
            }
            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
        throw new LabException($"daemon did not report its PID within {PidFileTimeout.TotalSeconds} s");
    }
}
