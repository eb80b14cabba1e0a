using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace PveCluster.Lab.Processes;

/// <summary>
/// Runs external programs (ip, nsenter, iptables, corosync tools) with an argument list, never a
/// shell string, so node names and user commands cannot be re-interpreted.
/// </summary>
public sealed class CommandRunner
{
    private readonly ILogger _logger;

    public CommandRunner(ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>Extra environment for every command (PATH with the published binaries).</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Runs the command to completion and captures its output; a non-zero exit is not an error here.</summary>
    public Task<CommandResult> RunAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        RunAsync(command, standardInput: null, cancellationToken);

    /// <summary>
    /// Like <see cref="RunAsync(IReadOnlyList{string}, CancellationToken)"/>, feeding <paramref name="standardInput"/>
    /// to the command (secrets such as passwords go here, never into the argument list).
    /// </summary>
    public async Task<CommandResult> RunAsync(IReadOnlyList<string> command, string? standardInput, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(command, redirect: true) };
        var display = Display(command);
        _logger.LogDebug("run: {Command}", display);
        StartOrThrow(process, display, standardInput);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw;
        }
        var result = new CommandResult(display, process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        if (!result.Succeeded)
        {
            _logger.LogDebug("exit {Code}: {Command}: {Stderr}", result.ExitCode, display, result.StandardError.Trim());
        }
        return result;
    }

    /// <summary>Runs the command and throws <see cref="LabCommandException"/> when it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        var result = await RunAsync(command, cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <summary>Runs the command with <paramref name="standardInput"/> and throws <see cref="LabCommandException"/> when it fails.</summary>
    public async Task<CommandResult> RunCheckedAsync(IReadOnlyList<string> command, string standardInput, CancellationToken cancellationToken)
    {
        var result = await RunAsync(command, standardInput, cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <summary>Runs the command attached to this process's terminal (for `pvelab exec`); returns its exit code.</summary>
    public async Task<int> RunAttachedAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = CreateStartInfo(command, redirect: false) };
        StartOrThrow(process, Display(command));
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            TryKill(process);
            throw;
        }
        return process.ExitCode;
    }

    private ProcessStartInfo CreateStartInfo(IReadOnlyList<string> command, bool redirect)
    {
        if (command.Count == 0)
        {
            throw new ArgumentException("empty command", nameof(command));
        }
        var info = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardInput = redirect,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }
        return info;
    }

    private static void StartOrThrow(Process process, string display, string? standardInput = null)
    {
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new LabException($"cannot run '{display}': {e.Message}", e);
        }
        if (process.StartInfo.RedirectStandardInput)
        {
            if (standardInput is not null)
            {
                process.StandardInput.Write(standardInput);
            }
            process.StandardInput.Close();
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Display(IReadOnlyList<string> command) =>
        string.Join(' ', command.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? $"'{a}'" : a));
}
