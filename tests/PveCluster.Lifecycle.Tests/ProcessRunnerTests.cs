using PveCluster.Lifecycle.Services;

namespace PveCluster.Lifecycle.Tests;

/// <summary>The one process runner of pvecm and pve-api, against real programs.</summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task Exit_code_and_both_outputs_are_captured_without_a_shell_reinterpreting_arguments()
    {
        var result = await ProcessRunner.Instance.RunAsync(
            "sh", ["-c", "printf '%s' \"$1\"; echo oops >&2; exit 3", "sh", "a b; $(x)"], CancellationToken.None);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("a b; $(x)", result.StandardOutput);
        Assert.Equal("oops (exit code 3)", result.Describe());
    }

    [Fact]
    public async Task Standard_input_reaches_the_program()
    {
        var result = await ProcessRunner.Instance.RunAsync("cat", [], CancellationToken.None, "secret line\n");

        Assert.True(result.Succeeded);
        Assert.Equal("secret line\n", result.StandardOutput);
    }

    [Fact]
    public async Task A_missing_program_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<LifecycleException>(
            () => ProcessRunner.Instance.RunAsync("/nonexistent/tool", [], CancellationToken.None));

        Assert.StartsWith("cannot run '/nonexistent/tool'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_kills_the_program()
    {
        var pidFile = Path.Combine(Path.GetTempPath(), $"runner-test-{Guid.NewGuid():N}");
        using var cancel = new CancellationTokenSource();
        var running = ProcessRunner.Instance.RunAsync("sh", ["-c", "echo $$ > \"$1\"; exec sleep 300", "sh", pidFile], cancel.Token);
        try
        {
            var pid = await WaitForPidAsync(pidFile);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
            Assert.True(await GoneAsync(pid), $"process {pid} still runs after the cancellation");
        }
        finally
        {
            File.Delete(pidFile);
        }
    }

    private static async Task<int> WaitForPidAsync(string pidFile)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out _)))
        {
            await Task.Delay(10, timeout.Token);
        }

        return int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Killed and reaped by the runner: /proc/PID disappears (or is reused by an unrelated zombie-free process).</summary>
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            if (!File.Exists($"/proc/{pid}/cmdline") || !File.ReadAllText($"/proc/{pid}/cmdline").Contains("sleep", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
