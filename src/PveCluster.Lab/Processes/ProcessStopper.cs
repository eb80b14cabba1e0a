using System.Globalization;
using Microsoft.Extensions.Logging;

namespace PveCluster.Lab.Processes;

/// <summary>Stops a recorded process: signal, wait until it is gone, escalate to SIGKILL if it hangs.</summary>
public sealed class ProcessStopper
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);

    private readonly CommandRunner _runner;
    private readonly ILogger _logger;

    public ProcessStopper(CommandRunner runner, ILogger logger)
    {
        _runner = runner;
        _logger = logger;
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (TERM, KILL, ...) to <paramref name="pid"/> only if its comm
    /// is still <paramref name="comm"/>; returns false if the process was already gone.
    /// </summary>
    public async Task<bool> StopAsync(int pid, string comm, string signal, CancellationToken cancellationToken)
    {
        if (!ProcessProbe.IsAlive(pid, comm))
        {
            return false;
        }
        await SignalAsync(pid, signal, cancellationToken).ConfigureAwait(false);
        var deadline = DateTime.UtcNow + GracePeriod;
        while (ProcessProbe.IsAlive(pid, comm))
        {
            if (DateTime.UtcNow > deadline)
            {
                _logger.LogWarning("{Comm} ({Pid}) ignored SIG{Signal}; sending SIGKILL", comm, pid, signal);
                await SignalAsync(pid, "KILL", cancellationToken).ConfigureAwait(false);
                deadline = DateTime.UtcNow + GracePeriod;
            }
            await Task.Delay(25, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task SignalAsync(int pid, string signal, CancellationToken cancellationToken)
    {
        // A failure here means the process exited between the check and the signal: nothing to do.
        await _runner.RunAsync(["kill", "-s", signal, pid.ToString(CultureInfo.InvariantCulture)], cancellationToken)
            .ConfigureAwait(false);
    }
}
